-- Deleting a whole dataset: an ADMIN removes it with its items, revisions, versions and tags
-- in one transaction that names the dataset by setting assay.dataset_delete to
-- project id/dataset id (SET LOCAL). Rows of that dataset may then be removed. Every other
-- change to a published version or a revision is refused as before, in that transaction too.
-- Publishing also works from a savepoint now (see dataset_row_is_ours).
-- Function bodies write their semicolons as an octal escape, as in the datasets migration.

CREATE FUNCTION "dataset_deleting"(project UUID, dataset UUID) RETURNS boolean LANGUAGE sql STABLE
  AS E'SELECT coalesce(current_setting(''assay.dataset_delete'', true), '''') = project::text || ''/'' || dataset::text';

-- Whether a visible row was written by this transaction or one of its savepoints (a publish
-- inside a larger transaction, such as the demo seed, writes from a savepoint whose xid is
-- not the top one). A visible row whose writer is still in progress can only be our own.
CREATE FUNCTION "dataset_row_is_ours"(row_xmin xid) RETURNS boolean LANGUAGE sql STABLE
  AS E'SELECT row_xmin = pg_current_xact_id()::xid
          OR coalesce(pg_xact_status((((pg_current_xact_id()::text::bigint >> 32) << 32) | row_xmin::text::bigint)::text::xid8) = ''in progress'', false)';

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
  IF dataset_erasing() AND (to_jsonb(NEW) - ARRAY[''input'', ''expected_output'', ''preference'', ''metadata'', ''lineage'', ''input_hash'', ''redacted_at''])
                         = (to_jsonb(OLD) - ARRAY[''input'', ''expected_output'', ''preference'', ''metadata'', ''lineage'', ''input_hash'', ''redacted_at''])
                      AND NEW.redacted_at IS NOT NULL THEN
    RETURN NEW\073
  END IF\073
  RAISE EXCEPTION ''dataset item revision % cannot change: append a new revision'', OLD.id USING ERRCODE = ''object_not_in_prerequisite_state''\073
END';

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
  IF dataset_erasing() AND (to_jsonb(NEW) - ARRAY[''checksum'', ''redacted_at'', ''redaction'']) = (to_jsonb(OLD) - ARRAY[''checksum'', ''redacted_at'', ''redaction''])
                      AND NEW.redacted_at IS NOT NULL AND NEW.redaction IS NOT NULL THEN
    RETURN NEW\073
  END IF\073
  RAISE EXCEPTION ''dataset version % is published and cannot change'', OLD.id USING ERRCODE = ''object_not_in_prerequisite_state''\073
END';

CREATE OR REPLACE FUNCTION "dataset_version_items_frozen"() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN
  IF TG_OP = ''TRUNCATE'' THEN
    IF EXISTS (SELECT 1 FROM dataset_versions) THEN
      RAISE EXCEPTION ''the items of published dataset versions cannot be removed'' USING ERRCODE = ''object_not_in_prerequisite_state''\073
    END IF\073
    RETURN NULL\073
  END IF\073
  IF TG_OP = ''INSERT'' THEN
    -- Items join a version only in the transaction that creates it.
    IF EXISTS (SELECT 1 FROM dataset_versions v WHERE v.project_id = NEW.project_id AND v.id = NEW.version_id AND NOT dataset_row_is_ours(v.xmin)) THEN
      RAISE EXCEPTION ''dataset version % is published and cannot change'', NEW.version_id USING ERRCODE = ''object_not_in_prerequisite_state''\073
    END IF\073
    RETURN NEW\073
  END IF\073
  IF TG_OP = ''DELETE'' AND (NOT EXISTS (SELECT 1 FROM dataset_versions v WHERE v.project_id = OLD.project_id AND v.id = OLD.version_id)
                          OR NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = OLD.project_id)
                          OR EXISTS (SELECT 1 FROM dataset_versions v WHERE v.project_id = OLD.project_id AND v.id = OLD.version_id
                                        AND dataset_deleting(v.project_id, v.dataset_id))) THEN
    RETURN OLD\073
  END IF\073
  RAISE EXCEPTION ''dataset version % is published and cannot change'', OLD.version_id USING ERRCODE = ''object_not_in_prerequisite_state''\073
END';
