-- Trace explorer: full-text search and the indexes its filters need at a million traces
-- per project. Every index leads with project_id (btree_gin makes that possible for GIN).

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "btree_gin";

-- The text that full-text search sees: every string value inside a jsonb document (keys and
-- JSON punctuation are not content), capped at 100,000 characters so the tsvector stays far
-- below its 1 MB limit and an oversized trace is still accepted. Postgres's text parser reads
-- '<' as the start of an HTML tag and drops everything after a <script> tag, so '<' becomes
-- a space: a prompt-injection attempt must be as findable as any other text.
CREATE FUNCTION "assay_search_text"("doc" jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT left(replace(string_agg("v" #>> '{}', ' '), '<', ' '), 100000) FROM jsonb_path_query("doc", 'strict $.** ? (@.type() == "string")') AS "v" $$;

-- AlterTable
-- Language-neutral ('simple'): traces arrive in any language, so no stemming or stop words.
ALTER TABLE "traces" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  to_tsvector('simple'::regconfig, coalesce("assay_search_text"("input"), '') || ' ' || coalesce("assay_search_text"("output"), ''))
) STORED;

-- CreateIndex
CREATE INDEX "traces_project_id_tags_idx" ON "traces" USING GIN ("project_id" uuid_ops, "tags" array_ops);

-- CreateIndex
CREATE INDEX "traces_project_id_metadata_idx" ON "traces" USING GIN ("project_id" uuid_ops, "metadata" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "traces_project_id_search_idx" ON "traces" USING GIN ("project_id" uuid_ops, "search" tsvector_ops);
