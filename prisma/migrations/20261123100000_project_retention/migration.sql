-- AlterTable
ALTER TABLE "projects" ADD COLUMN     "retention_days" INTEGER;

-- A retention window is at least a day, and null keeps traces forever.
ALTER TABLE "projects" ADD CONSTRAINT "projects_retention_days_positive" CHECK ("retention_days" IS NULL OR "retention_days" >= 1);
