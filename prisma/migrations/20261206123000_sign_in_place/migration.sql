-- AlterTable
ALTER TABLE "SignInSession" ADD COLUMN     "network" TEXT,
ADD COLUMN     "timeZone" TEXT;
