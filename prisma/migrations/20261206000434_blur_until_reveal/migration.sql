-- AlterTable
ALTER TABLE "CallSession" ADD COLUMN     "calleeBlurred" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "callerBlurred" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Profile" ADD COLUMN     "blurFirstCalls" BOOLEAN NOT NULL DEFAULT true;
