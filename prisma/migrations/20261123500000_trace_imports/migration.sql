-- File imports of traces: the import with its checkpoint, the uploaded file in chunks, and rejected rows.
-- CreateEnum
CREATE TYPE "ImportFormat" AS ENUM ('JSONL', 'CSV');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('UPLOADING', 'QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "imports" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "format" "ImportFormat" NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'UPLOADING',
    "file_name" TEXT NOT NULL,
    "size_bytes" BIGINT NOT NULL,
    "uploaded_bytes" BIGINT NOT NULL DEFAULT 0,
    "chunk_count" INTEGER NOT NULL DEFAULT 0,
    "mapping" JSONB,
    "header" JSONB,
    "tag_separator" TEXT,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "line_no" INTEGER NOT NULL DEFAULT 0,
    "byte_offset" BIGINT NOT NULL DEFAULT 0,
    "lease_token" UUID,
    "lease_until" TIMESTAMPTZ(3),
    "error" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "imports_pkey" PRIMARY KEY ("project_id","id")
);

-- CreateTable
CREATE TABLE "import_chunks" (
    "project_id" UUID NOT NULL,
    "import_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "byte_offset" BIGINT NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "import_chunks_pkey" PRIMARY KEY ("project_id","import_id","seq")
);

-- CreateTable
CREATE TABLE "import_errors" (
    "project_id" UUID NOT NULL,
    "import_id" UUID NOT NULL,
    "line" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "message" TEXT NOT NULL,

    CONSTRAINT "import_errors_pkey" PRIMARY KEY ("project_id","import_id","line")
);

-- CreateIndex
CREATE INDEX "imports_project_id_created_at_idx" ON "imports"("project_id", "created_at");

-- AddForeignKey
ALTER TABLE "imports" ADD CONSTRAINT "imports_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "imports" ADD CONSTRAINT "imports_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_chunks" ADD CONSTRAINT "import_chunks_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_chunks" ADD CONSTRAINT "import_chunks_project_id_import_id_fkey" FOREIGN KEY ("project_id", "import_id") REFERENCES "imports"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_errors" ADD CONSTRAINT "import_errors_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_errors" ADD CONSTRAINT "import_errors_project_id_import_id_fkey" FOREIGN KEY ("project_id", "import_id") REFERENCES "imports"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

