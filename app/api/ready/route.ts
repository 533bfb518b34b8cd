import { prisma } from "@/lib/db";
import { listenerHealth } from "@/lib/events/listener";
import { HttpError } from "@/lib/http/http-error";
import { route } from "@/lib/http/responder";
import { isDraining } from "@/lib/server/shutdown";

export const dynamic = "force-dynamic";

// Readiness for a load balancer or orchestrator: 503 while this instance drains (SIGTERM) or
// cannot reach the database. The event listener's state is reported but does not gate
// readiness: without it members still get every ring by the poll, and taking every instance out
// of rotation because the shared database refused LISTEN would turn a slower ring into an outage.
export const GET = route(async () => {
  if (isDraining()) throw new HttpError(503, "This instance is shutting down.");
  try {
    await prisma.$queryRaw`SELECT 1`;
  } catch {
    throw new HttpError(503, "The database is unreachable.");
  }
  return { ready: true, events_listener: listenerHealth().connected ? "connected" : "reconnecting" };
});
