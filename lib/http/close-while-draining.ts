import "server-only";
import { isDraining } from "@/lib/server/shutdown";

/**
 * While this instance drains (SIGTERM), every answer closes its connection. `next start` stops
 * accepting connections but keeps serving keep-alive connections that were busy at the signal,
 * and an open tab polls often enough to keep one busy for ever: the process never exited (seen
 * in e2e/app-restart.spec.ts). Closed, the browser's next request opens a new connection, which
 * goes to another instance (or waits for this one's successor).
 */
export function closeWhileDraining(res: Response): Response {
  if (!isDraining()) return res;
  try {
    res.headers.set("connection", "close");
  } catch {
    // Immutable headers (a Response.redirect): that one keeps its connection.
  }
  return res;
}
