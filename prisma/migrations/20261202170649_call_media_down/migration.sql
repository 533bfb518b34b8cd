-- AlterTable
ALTER TABLE "CallSession" ADD COLUMN     "calleeMediaDown" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "callerMediaDown" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "mediaDownMs" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "mediaDownSince" TIMESTAMP(3);
