import { prisma } from "@/lib/db";
import { route } from "@/lib/http/responder";

export const dynamic = "force-dynamic";

// Liveness plus a database round-trip; used by the test runner to know the server is up.
export const GET = route(async () => {
  await prisma.$queryRaw`SELECT 1`;
  return { ok: true };
});
