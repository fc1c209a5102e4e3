-- A span's project is already enforced through its trace: spans (project_id, trace_id)
-- references traces (project_id, id), and traces cascade from projects. The direct key to
-- projects only added a lookup of the project row to every span written (measured with
-- `npm run bench:write-costs`, docs/benchmarks.md).

-- DropForeignKey
ALTER TABLE "spans" DROP CONSTRAINT "spans_project_id_fkey";
