-- Rubric versions are immutable once published, whatever the application does: a published
-- version and its criteria refuse UPDATE, DELETE and TRUNCATE. Deleting a whole project still
-- removes them (its cascade runs after the project row is gone).
-- The migration runner splits scripts at every semicolon, even inside quotes, so function
-- bodies write theirs as the escape \073.
CREATE FUNCTION "rubric_versions_frozen"() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN
  IF TG_OP = ''TRUNCATE'' THEN
    IF EXISTS (SELECT 1 FROM rubric_versions WHERE status = ''PUBLISHED'') THEN
      RAISE EXCEPTION ''published rubric versions cannot be removed'' USING ERRCODE = ''object_not_in_prerequisite_state''\073
    END IF\073
    RETURN NULL\073
  END IF\073
  IF OLD.status = ''PUBLISHED'' THEN
    IF TG_OP = ''DELETE'' AND NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = OLD.project_id) THEN
      RETURN OLD\073
    END IF\073
    RAISE EXCEPTION ''rubric version % is published and cannot change'', OLD.id USING ERRCODE = ''object_not_in_prerequisite_state''\073
  END IF\073
  IF TG_OP = ''DELETE'' THEN
    RETURN OLD\073
  END IF\073
  RETURN NEW\073
END';
CREATE TRIGGER "rubric_versions_frozen" BEFORE UPDATE OR DELETE ON "rubric_versions"
  FOR EACH ROW EXECUTE FUNCTION "rubric_versions_frozen"();
CREATE TRIGGER "rubric_versions_no_truncate" BEFORE TRUNCATE ON "rubric_versions"
  FOR EACH STATEMENT EXECUTE FUNCTION "rubric_versions_frozen"();

CREATE FUNCTION "criteria_frozen"() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN
  IF TG_OP = ''TRUNCATE'' THEN
    IF EXISTS (SELECT 1 FROM rubric_versions WHERE status = ''PUBLISHED'') THEN
      RAISE EXCEPTION ''criteria of published rubric versions cannot be removed'' USING ERRCODE = ''object_not_in_prerequisite_state''\073
    END IF\073
    RETURN NULL\073
  END IF\073
  IF TG_OP <> ''INSERT'' AND EXISTS (
    SELECT 1 FROM rubric_versions v WHERE v.project_id = OLD.project_id AND v.id = OLD.rubric_version_id AND v.status = ''PUBLISHED''
  ) THEN
    IF TG_OP = ''DELETE'' AND NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = OLD.project_id) THEN
      RETURN OLD\073
    END IF\073
    RAISE EXCEPTION ''criterion % belongs to a published rubric version and cannot change'', OLD.key USING ERRCODE = ''object_not_in_prerequisite_state''\073
  END IF\073
  IF TG_OP <> ''DELETE'' AND EXISTS (
    SELECT 1 FROM rubric_versions v WHERE v.project_id = NEW.project_id AND v.id = NEW.rubric_version_id AND v.status = ''PUBLISHED''
  ) THEN
    RAISE EXCEPTION ''a published rubric version cannot gain criteria'' USING ERRCODE = ''object_not_in_prerequisite_state''\073
  END IF\073
  IF TG_OP = ''DELETE'' THEN
    RETURN OLD\073
  END IF\073
  RETURN NEW\073
END';
CREATE TRIGGER "criteria_frozen" BEFORE INSERT OR UPDATE OR DELETE ON "criteria"
  FOR EACH ROW EXECUTE FUNCTION "criteria_frozen"();
CREATE TRIGGER "criteria_no_truncate" BEFORE TRUNCATE ON "criteria"
  FOR EACH STATEMENT EXECUTE FUNCTION "criteria_frozen"();

-- A queue uses a published version of a rubric that is not archived. A draft may still change,
-- so labels made against it would lose their meaning. Ids of other projects or of nothing are
-- left to the foreign keys, so they keep failing as foreign-key violations.
CREATE FUNCTION "queues_published_rubric"() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN
  IF EXISTS (
    SELECT 1 FROM rubric_versions v WHERE v.project_id = NEW.project_id AND v.id = NEW.rubric_version_id AND v.status = ''DRAFT''
  ) THEN
    RAISE EXCEPTION ''a queue needs a published rubric version, not a draft'' USING ERRCODE = ''check_violation''\073
  END IF\073
  IF EXISTS (
    SELECT 1 FROM rubric_versions v JOIN rubrics r ON r.project_id = v.project_id AND r.id = v.rubric_id
    WHERE v.project_id = NEW.project_id AND v.id = NEW.rubric_version_id AND r.archived_at IS NOT NULL
  ) THEN
    RAISE EXCEPTION ''the rubric is archived: no new queues may use it'' USING ERRCODE = ''check_violation''\073
  END IF\073
  RETURN NEW\073
END';
CREATE TRIGGER "queues_published_rubric" BEFORE INSERT OR UPDATE OF "rubric_version_id" ON "queues"
  FOR EACH ROW EXECUTE FUNCTION "queues_published_rubric"();

-- A score pins a published version, and its criterion belongs to that version.
CREATE FUNCTION "scores_published_rubric"() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN
  IF NEW.rubric_version_id IS NOT NULL AND EXISTS (
    SELECT 1 FROM rubric_versions v WHERE v.project_id = NEW.project_id AND v.id = NEW.rubric_version_id AND v.status = ''DRAFT''
  ) THEN
    RAISE EXCEPTION ''a score needs a published rubric version, not a draft'' USING ERRCODE = ''check_violation''\073
  END IF\073
  IF NEW.criterion_id IS NOT NULL AND EXISTS (
    SELECT 1 FROM criteria c WHERE c.project_id = NEW.project_id AND c.id = NEW.criterion_id AND c.rubric_version_id IS DISTINCT FROM NEW.rubric_version_id
  ) THEN
    RAISE EXCEPTION ''the criterion does not belong to the score''''s rubric version'' USING ERRCODE = ''check_violation''\073
  END IF\073
  RETURN NEW\073
END';
CREATE TRIGGER "scores_published_rubric" BEFORE INSERT OR UPDATE OF "rubric_version_id", "criterion_id" ON "scores"
  FOR EACH ROW EXECUTE FUNCTION "scores_published_rubric"();

