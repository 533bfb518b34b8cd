-- CreateEnum
CREATE TYPE "SnapshotShown" AS ENUM ('picture', 'blurred', 'no_picture');

-- AlterTable
ALTER TABLE "CallSession" ADD COLUMN     "icebreakerTurn" INTEGER;

-- CreateTable
CREATE TABLE "ReportSnapshot" (
    "reportId" INTEGER NOT NULL,
    "shown" "SnapshotShown" NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportSnapshot_pkey" PRIMARY KEY ("reportId")
);

-- AddForeignKey
ALTER TABLE "ReportSnapshot" ADD CONSTRAINT "ReportSnapshot_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
