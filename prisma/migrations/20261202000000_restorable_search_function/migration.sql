-- A dump of the database must restore. pg_restore runs with an empty search_path, and the
-- search vector's function named assay_search_text in a string body, resolved only when the
-- body is inlined: restoring the traces table failed ("function assay_search_text(jsonb) does
-- not exist"), and every table that references it with it. A SQL-standard body (RETURN …) is
-- parsed when the function is created: it refers to assay_search_text itself rather than to
-- its name, pg_dump writes that reference schema-qualified and orders the two functions by
-- their dependency. Same expression, same results, and still a single expression that
-- Postgres inlines into the column's. The stored vectors stay as they are.
CREATE OR REPLACE FUNCTION "assay_search_vector"("doc" jsonb) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE
    WHEN "doc" IS NULL THEN ''::tsvector
    WHEN octet_length("doc"::text) > 100000 THEN to_tsvector('simple'::regconfig, coalesce("assay_search_text"("doc"), ''))
    WHEN strpos("doc"::text, '<') = 0 THEN jsonb_to_tsvector('simple'::regconfig, "doc", '["string"]')
    ELSE jsonb_to_tsvector('simple'::regconfig, replace("doc"::text, '<', ' ')::jsonb, '["string"]')
  END;
