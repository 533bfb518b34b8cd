// Runs an App Router route module the way `next start` does: through Next's own
// AppRouteRouteModule (next/dist/build/templates/app-route.js builds one per route), which opens
// the request scope that next/headers' cookies() and headers() read. For handlers that call
// those — next-auth's, whose App Router handler reads the request's cookies and headers there;
// ours read the request itself and are called directly (test/http.ts).
import "next/dist/server/node-environment-baseline"; // AsyncLocalStorage on globalThis, as `next start` sets it
import { NextRequest } from "next/server";
import type { RouteKind } from "next/dist/server/route-kind";
import { AppRouteRouteModule, type AppRouteRouteHandlerContext } from "next/dist/server/route-modules/app-route/module";

type Userland = ConstructorParameters<typeof AppRouteRouteModule>[0]["userland"];

/** A handle(request) for the route module `load()` imports, served at the App Router `page`. */
export function nextRoute(page: string, load: () => Promise<unknown>) {
  const pathname = page.replace(/\/route$/, "");
  const routeModule = new AppRouteRouteModule({
    definition: { kind: "APP_ROUTE" as RouteKind.APP_ROUTE, page, pathname, filename: "route", bundlePath: `app${page}` },
    distDir: ".next",
    relativeProjectDir: "",
    resolvedPagePath: `app${page}.ts`,
    nextConfigOutput: undefined,
    userland: load as unknown as Userland,
  });
  return async function handle(req: NextRequest, params: Record<string, string | string[]>): Promise<Response> {
    await routeModule.ensureUserland();
    const context = {
      params, // as the server hands them over; Next wraps them in a promise for the handler
      previewProps: { previewModeId: "", previewModeEncryptionKey: "", previewModeSigningKey: "" },
      renderOpts: { experimental: {} },
      sharedContext: { buildId: "test", deploymentId: "" },
    } as unknown as AppRouteRouteHandlerContext;
    return routeModule.handle(req, context);
  };
}
