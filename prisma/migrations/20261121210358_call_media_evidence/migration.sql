-- AlterTable
ALTER TABLE "CallSession" ADD COLUMN     "calleeMediaAt" TIMESTAMP(3),
ADD COLUMN     "callerMediaAt" TIMESTAMP(3);
