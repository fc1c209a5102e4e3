-- Erasure of an end user's data reaches the dataset items copied from their traces: the
-- revisions are found by the source traces their lineage names, and each version holding one
-- records why it was redacted. The reason may change under the erasure flag, like the checksum.

ALTER TABLE "dataset_versions" ADD COLUMN "redaction" TEXT;

CREATE INDEX "dataset_item_revisions_lineage_trace_idx" ON "dataset_item_revisions"("project_id", ("lineage" ->> 'traceId')) WHERE ("lineage" ->> 'traceId') IS NOT NULL;
CREATE INDEX "dataset_item_revisions_lineage_trace_b_idx" ON "dataset_item_revisions"("project_id", ("lineage" ->> 'traceBId')) WHERE ("lineage" ->> 'traceBId') IS NOT NULL;

CREATE OR REPLACE FUNCTION "dataset_versions_frozen"() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN
  IF TG_OP = ''TRUNCATE'' THEN
    IF EXISTS (SELECT 1 FROM dataset_versions) THEN
      RAISE EXCEPTION ''published dataset versions cannot be removed'' USING ERRCODE = ''object_not_in_prerequisite_state''\073
    END IF\073
    RETURN NULL\073
  END IF\073
  IF TG_OP = ''DELETE'' THEN
    IF NOT EXISTS (SELECT 1 FROM datasets d WHERE d.project_id = OLD.project_id AND d.id = OLD.dataset_id)
       OR NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = OLD.project_id) THEN
      RETURN OLD\073
    END IF\073
    RAISE EXCEPTION ''dataset version % is published and cannot be removed'', OLD.id USING ERRCODE = ''object_not_in_prerequisite_state''\073
  END IF\073
  IF dataset_erasing() AND (to_jsonb(NEW) - ARRAY[''checksum'', ''redacted_at'', ''redaction'']) = (to_jsonb(OLD) - ARRAY[''checksum'', ''redacted_at'', ''redaction''])
                      AND NEW.redacted_at IS NOT NULL AND NEW.redaction IS NOT NULL THEN
    RETURN NEW\073
  END IF\073
  RAISE EXCEPTION ''dataset version % is published and cannot change'', OLD.id USING ERRCODE = ''object_not_in_prerequisite_state''\073
END';
