-- Full-text search at a lower write cost. Building the search vector is most of what an
-- inserted trace costs Postgres: measured with COPY of ~2 KB traces, the stored column made
-- a trace row about four times as costly to write, the three GIN indexes together about a
-- tenth more (docs/benchmarks.md, "Ingestion"). The old
-- expression collected the string values with jsonb_path_query and string_agg inside a SQL
-- function (a small query per row and per document) and parsed the joined text. The new one
-- parses the string values directly with jsonb_to_tsvector, which does the same work in C.
--
-- What a search matches does not change: the string values of input and output, keys are
-- not content, and '<' reads as a space (the text parser would drop everything after a
-- <script> tag). The replace is only paid when a document holds a '<'. Each string is parsed
-- on its own, so a quoted phrase matches inside one value, never across two. A document whose
-- JSON text is longer than 100,000 bytes still goes through the capped assay_search_text, so
-- an oversized trace is accepted as before.
--
-- A single SELECT of one expression, so Postgres inlines it into the column's expression.
CREATE FUNCTION "assay_search_vector"("doc" jsonb) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE
    WHEN "doc" IS NULL THEN ''::tsvector
    WHEN octet_length("doc"::text) > 100000 THEN to_tsvector('simple'::regconfig, coalesce("assay_search_text"("doc"), ''))
    WHEN strpos("doc"::text, '<') = 0 THEN jsonb_to_tsvector('simple'::regconfig, "doc", '["string"]')
    ELSE jsonb_to_tsvector('simple'::regconfig, replace("doc"::text, '<', ' ')::jsonb, '["string"]')
  END $$;

-- A generated column's expression cannot be changed before PostgreSQL 17, so the column is
-- dropped (with its index) and added again: the traces table is rewritten once.
ALTER TABLE "traces" DROP COLUMN "search";

-- AlterTable
ALTER TABLE "traces" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  "assay_search_vector"("input") || "assay_search_vector"("output")
) STORED;

-- CreateIndex
CREATE INDEX "traces_project_id_search_idx" ON "traces" USING GIN ("project_id" uuid_ops, "search" tsvector_ops);
