-- File imports may fill a golden dataset instead of the trace store: such an import names its
-- dataset (and goes with it), and what to do with items whose input matches an existing one.

ALTER TABLE "imports" ADD COLUMN "dataset_id" UUID;
ALTER TABLE "imports" ADD COLUMN "duplicates" TEXT;
ALTER TABLE "imports" ADD CONSTRAINT "imports_project_id_dataset_id_fkey" FOREIGN KEY ("project_id", "dataset_id") REFERENCES "datasets"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "imports" ADD CONSTRAINT "imports_duplicates_shape" CHECK ("duplicates" IS NULL OR "duplicates" IN ('skip', 'keep'));
CREATE INDEX "imports_project_id_dataset_id_idx" ON "imports"("project_id", "dataset_id");
