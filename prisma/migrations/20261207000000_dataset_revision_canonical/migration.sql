-- Each revision keeps its content's canonical JSON (RFC 8785, what a version's checksum
-- hashes), made once when the revision is written. Publishing a million items hashes these
-- texts instead of canonicalizing every item again, and the Assay JSONL export writes them as
-- its lines. Revisions written before this column, and redacted ones, have none: readers
-- canonicalize their content instead.
--
-- Erasure may now change the text too (it clears it with the content it replaces). Nothing
-- else changes a revision, as before.
-- Function bodies write their semicolons as an octal escape, as in the datasets migration.

ALTER TABLE "dataset_item_revisions" ADD COLUMN "canonical" TEXT;

CREATE OR REPLACE FUNCTION "dataset_revisions_append_only"() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN
  IF TG_OP = ''TRUNCATE'' THEN
    IF EXISTS (SELECT 1 FROM dataset_versions) THEN
      RAISE EXCEPTION ''dataset item revisions cannot be removed'' USING ERRCODE = ''object_not_in_prerequisite_state''\073
    END IF\073
    RETURN NULL\073
  END IF\073
  IF TG_OP = ''DELETE'' THEN
    IF NOT EXISTS (SELECT 1 FROM datasets d WHERE d.project_id = OLD.project_id AND d.id = OLD.dataset_id)
       OR NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = OLD.project_id)
       OR dataset_deleting(OLD.project_id, OLD.dataset_id) THEN
      RETURN OLD\073
    END IF\073
    RAISE EXCEPTION ''dataset item revision % cannot be removed'', OLD.id USING ERRCODE = ''object_not_in_prerequisite_state''\073
  END IF\073
  -- Retiring the current revision is the one change an append makes to the one before it.
  IF (to_jsonb(NEW) - ''is_current'') = (to_jsonb(OLD) - ''is_current'') AND OLD.is_current AND NOT NEW.is_current THEN
    RETURN NEW\073
  END IF\073
  IF dataset_erasing() AND (to_jsonb(NEW) - ARRAY[''input'', ''expected_output'', ''preference'', ''metadata'', ''lineage'', ''input_hash'', ''redacted_at'', ''canonical''])
                         = (to_jsonb(OLD) - ARRAY[''input'', ''expected_output'', ''preference'', ''metadata'', ''lineage'', ''input_hash'', ''redacted_at'', ''canonical''])
                      AND NEW.redacted_at IS NOT NULL AND NEW.canonical IS NULL THEN
    RETURN NEW\073
  END IF\073
  RAISE EXCEPTION ''dataset item revision % cannot change: append a new revision'', OLD.id USING ERRCODE = ''object_not_in_prerequisite_state''\073
END';

-- Publishing a million items then paid, for every row it froze, the foreign key check of the
-- version (a query of its own per row, locking the version's row each time): about as much
-- as writing the rows. The statement-level check now also makes sure the versions exist, once
-- for all the rows, and deleting versions removes their items (the key's cascade did that).
-- While publishing, the transaction that creates a version may still change it: it freezes
-- the items while it hashes them, and writes the checksum and counts after. No other
-- transaction can see the version before it commits, and none can change it after.

ALTER TABLE "dataset_version_items" DROP CONSTRAINT "dataset_version_items_project_id_version_id_fkey";

CREATE OR REPLACE FUNCTION "dataset_version_items_joined"() RETURNS trigger LANGUAGE plpgsql
  AS E'DECLARE
  published UUID\073
  missing UUID\073
  stray UUID\073
BEGIN
  SELECT j.version_id, v.id INTO missing, published
    FROM (SELECT DISTINCT project_id, version_id FROM joined) j
    LEFT JOIN dataset_versions v ON v.project_id = j.project_id AND v.id = j.version_id
   WHERE v.id IS NULL OR NOT dataset_row_is_ours(v.xmin)
   LIMIT 1\073
  IF missing IS NOT NULL AND published IS NULL THEN
    RAISE EXCEPTION ''dataset version % does not exist'', missing USING ERRCODE = ''foreign_key_violation''\073
  END IF\073
  IF published IS NOT NULL THEN
    RAISE EXCEPTION ''dataset version % is published and cannot change'', published USING ERRCODE = ''object_not_in_prerequisite_state''\073
  END IF\073
  SELECT j.revision_id INTO stray
    FROM joined j
    JOIN dataset_versions v ON v.project_id = j.project_id AND v.id = j.version_id
    LEFT JOIN dataset_item_revisions r ON r.project_id = j.project_id AND r.id = j.revision_id AND r.dataset_id = v.dataset_id
   WHERE r.id IS NULL
   LIMIT 1\073
  IF stray IS NOT NULL THEN
    RAISE EXCEPTION ''% is not a revision of an item of the version''''s dataset'', stray USING ERRCODE = ''foreign_key_violation''\073
  END IF\073
  RETURN NULL\073
END';

CREATE FUNCTION "dataset_versions_gone"() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN
  DELETE FROM dataset_version_items vi USING gone g WHERE vi.project_id = g.project_id AND vi.version_id = g.id\073
  RETURN NULL\073
END';
CREATE TRIGGER "dataset_versions_gone" AFTER DELETE ON "dataset_versions"
  REFERENCING OLD TABLE AS "gone" FOR EACH STATEMENT EXECUTE FUNCTION "dataset_versions_gone"();

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
       OR NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = OLD.project_id)
       OR dataset_deleting(OLD.project_id, OLD.dataset_id) THEN
      RETURN OLD\073
    END IF\073
    RAISE EXCEPTION ''dataset version % is published and cannot be removed'', OLD.id USING ERRCODE = ''object_not_in_prerequisite_state''\073
  END IF\073
  -- Being published: the transaction creating the version writes its checksum and counts last.
  IF dataset_row_is_ours(OLD.xmin) AND NEW.id = OLD.id AND NEW.project_id = OLD.project_id AND NEW.dataset_id = OLD.dataset_id AND NEW.number = OLD.number THEN
    RETURN NEW\073
  END IF\073
  IF dataset_erasing() AND (to_jsonb(NEW) - ARRAY[''checksum'', ''redacted_at'', ''redaction'']) = (to_jsonb(OLD) - ARRAY[''checksum'', ''redacted_at'', ''redaction''])
                      AND NEW.redacted_at IS NOT NULL AND NEW.redaction IS NOT NULL THEN
    RETURN NEW\073
  END IF\073
  RAISE EXCEPTION ''dataset version % is published and cannot change'', OLD.id USING ERRCODE = ''object_not_in_prerequisite_state''\073
END';
