// zod compiles object parsers with `new Function` when it can, and probes for that with
// `Function("")` on the first object it parses. Our CSP has no 'unsafe-eval', so in the browser
// that probe is a CSP violation (and the fast path is refused anyway): the browser's zod must be
// jitless before its first parse.
//
// zod keeps its configuration on `globalThis.__zod_globalConfig` and creates that object only when
// it is absent (zod/v4/core/core.js), so setting the flag there needs no import of zod. Importing
// zod to call `z.config()` put all of it (~30 KB compressed) in every page's first load and
// evaluated it before hydration, signed-out pages included (docs/benchmarks.md, Lighthouse).
// zod-jitless.test.ts fails if zod stops reading its configuration from there.

declare global {
  var __zod_globalConfig: { jitless?: boolean } | undefined;
}

export function configureZodJitless(target: { __zod_globalConfig?: { jitless?: boolean } } = globalThis) {
  (target.__zod_globalConfig ??= {}).jitless = true;
}
