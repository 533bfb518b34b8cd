-- AlterTable
ALTER TABLE "CallSession" ADD COLUMN     "calleeSeenBy" UUID,
ADD COLUMN     "callerSeenBy" UUID;

-- CreateTable
CREATE TABLE "AppInstance" (
    "id" UUID NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "aliveAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AppInstance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AppInstance_aliveAt_idx" ON "AppInstance"("aliveAt");
