-- AlterTable
ALTER TABLE "PushSubscription" ADD COLUMN     "failedSends" INTEGER NOT NULL DEFAULT 0;
