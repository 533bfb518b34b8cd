import "server-only";
import { prisma } from "@/lib/db";
import type { SeenIds } from "@/lib/media/livekit";

// LiveKit webhook ids already accepted, shared by every instance: a webhook replayed to another
// instance than the one that took it is refused just the same. Kept ten minutes, twice the
// longest a webhook is accepted for (MAX_WEBHOOK_AGE_SECONDS).
const KEEP_MINUTES = 10;

export const webhookReceipts: SeenIds = {
  async claim(id) {
    const rows = await prisma.$queryRaw<{ id: string }[]>`
      INSERT INTO "WebhookReceipt" (id) VALUES (${id}) ON CONFLICT (id) DO NOTHING RETURNING id`;
    // Cheap upkeep: about one claim in 64 deletes what has aged out, through the index.
    if (Math.random() < 1 / 64) {
      await prisma.$executeRaw`DELETE FROM "WebhookReceipt" WHERE "receivedAt" < now() - ${KEEP_MINUTES} * interval '1 minute'`;
    }
    return rows.length === 1;
  },
};
