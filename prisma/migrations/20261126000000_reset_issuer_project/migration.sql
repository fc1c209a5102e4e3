-- A reset link records in which project's authority it was issued (null: the instance
-- admin's), so the right to reset that user is checked again when the link is used.

-- AlterTable
ALTER TABLE "password_resets" ADD COLUMN "project_id" UUID;

-- AddForeignKey
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
