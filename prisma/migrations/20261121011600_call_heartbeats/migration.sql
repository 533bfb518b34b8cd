-- AlterTable
ALTER TABLE "CallSession" ADD COLUMN     "calleeSeenAt" TIMESTAMP(3),
ADD COLUMN     "callerSeenAt" TIMESTAMP(3);
