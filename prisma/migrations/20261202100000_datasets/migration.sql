-- Golden datasets: items whose every change appends a revision, and published versions that
-- freeze a set of revisions under a content checksum. The database holds the two promises
-- whatever the application does: revisions are never rewritten, published versions never
-- change (erasing the data of an end user may redact content, through the erasure flag only).
-- The migration runner splits scripts at every semicolon, even inside quotes, so function
-- bodies write theirs as the escape \073.

CREATE TABLE "datasets" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "input_schema" JSONB,
    "expected_schema" JSONB,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "datasets_pkey" PRIMARY KEY ("project_id","id")
);
CREATE UNIQUE INDEX "datasets_project_id_name_key" ON "datasets"("project_id", "name");
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_name_shape" CHECK (length("name") BETWEEN 1 AND 100);

CREATE TABLE "dataset_items" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "dataset_id" UUID NOT NULL,
    "portable_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dataset_items_pkey" PRIMARY KEY ("project_id","id")
);
CREATE UNIQUE INDEX "dataset_items_project_id_dataset_id_portable_id_key" ON "dataset_items"("project_id", "dataset_id", "portable_id");
ALTER TABLE "dataset_items" ADD CONSTRAINT "dataset_items_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "dataset_items" ADD CONSTRAINT "dataset_items_project_id_dataset_id_fkey" FOREIGN KEY ("project_id", "dataset_id") REFERENCES "datasets"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "dataset_item_revisions" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "item_id" UUID NOT NULL,
    "dataset_id" UUID NOT NULL,
    "revision" INTEGER NOT NULL,
    "is_current" BOOLEAN NOT NULL DEFAULT true,
    "input" JSONB NOT NULL,
    "expected_output" JSONB,
    "preference" JSONB,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "splits" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "exact" BOOLEAN NOT NULL DEFAULT false,
    "lineage" JSONB,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "input_hash" TEXT NOT NULL,
    "author_user_id" UUID,
    "author_api_key_id" UUID,
    "redacted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dataset_item_revisions_pkey" PRIMARY KEY ("project_id","id")
);
CREATE UNIQUE INDEX "dataset_item_revisions_project_id_item_id_revision_key" ON "dataset_item_revisions"("project_id", "item_id", "revision");
CREATE INDEX "dataset_item_revisions_project_id_dataset_id_input_hash_idx" ON "dataset_item_revisions"("project_id", "dataset_id", "input_hash");
-- One current revision per item: the current, unarchived ones are what a version freezes.
CREATE UNIQUE INDEX "dataset_item_revisions_current_key" ON "dataset_item_revisions"("project_id", "item_id") WHERE "is_current";
CREATE INDEX "dataset_item_revisions_current_idx" ON "dataset_item_revisions"("project_id", "dataset_id", "item_id") WHERE "is_current" AND NOT "archived";
ALTER TABLE "dataset_item_revisions" ADD CONSTRAINT "dataset_item_revisions_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "dataset_item_revisions" ADD CONSTRAINT "dataset_item_revisions_project_id_item_id_fkey" FOREIGN KEY ("project_id", "item_id") REFERENCES "dataset_items"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "dataset_item_revisions" ADD CONSTRAINT "dataset_item_revisions_one_author" CHECK (num_nonnulls("author_user_id", "author_api_key_id") <= 1);
ALTER TABLE "dataset_item_revisions" ADD CONSTRAINT "dataset_item_revisions_splits_shape" CHECK ("splits" IS NOT NULL AND array_position("splits", NULL) IS NULL);

CREATE TABLE "dataset_versions" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "dataset_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "checksum" TEXT NOT NULL,
    "item_count" INTEGER NOT NULL,
    "split_counts" JSONB NOT NULL,
    "sources" JSONB NOT NULL DEFAULT '{}',
    "author_user_id" UUID,
    "author_api_key_id" UUID,
    "redacted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dataset_versions_pkey" PRIMARY KEY ("project_id","id")
);
CREATE UNIQUE INDEX "dataset_versions_project_id_dataset_id_number_key" ON "dataset_versions"("project_id", "dataset_id", "number");
ALTER TABLE "dataset_versions" ADD CONSTRAINT "dataset_versions_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "dataset_versions" ADD CONSTRAINT "dataset_versions_project_id_dataset_id_fkey" FOREIGN KEY ("project_id", "dataset_id") REFERENCES "datasets"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "dataset_versions" ADD CONSTRAINT "dataset_versions_number_positive" CHECK ("number" >= 1);

CREATE TABLE "dataset_version_items" (
    "project_id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "revision_id" UUID NOT NULL,

    CONSTRAINT "dataset_version_items_pkey" PRIMARY KEY ("project_id","version_id","revision_id")
);
CREATE INDEX "dataset_version_items_project_id_revision_id_idx" ON "dataset_version_items"("project_id", "revision_id");
ALTER TABLE "dataset_version_items" ADD CONSTRAINT "dataset_version_items_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "dataset_version_items" ADD CONSTRAINT "dataset_version_items_project_id_version_id_fkey" FOREIGN KEY ("project_id", "version_id") REFERENCES "dataset_versions"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "dataset_version_items" ADD CONSTRAINT "dataset_version_items_project_id_revision_id_fkey" FOREIGN KEY ("project_id", "revision_id") REFERENCES "dataset_item_revisions"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "dataset_version_tags" (
    "project_id" UUID NOT NULL,
    "dataset_id" UUID NOT NULL,
    "tag" TEXT NOT NULL,
    "version_id" UUID NOT NULL,
    "moved_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dataset_version_tags_pkey" PRIMARY KEY ("project_id","dataset_id","tag")
);
ALTER TABLE "dataset_version_tags" ADD CONSTRAINT "dataset_version_tags_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "dataset_version_tags" ADD CONSTRAINT "dataset_version_tags_project_id_dataset_id_fkey" FOREIGN KEY ("project_id", "dataset_id") REFERENCES "datasets"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "dataset_version_tags" ADD CONSTRAINT "dataset_version_tags_project_id_version_id_fkey" FOREIGN KEY ("project_id", "version_id") REFERENCES "dataset_versions"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
-- A tag is a name, not a number: "3" would be ambiguous wherever a version is asked for.
ALTER TABLE "dataset_version_tags" ADD CONSTRAINT "dataset_version_tags_tag_shape" CHECK ("tag" ~ '^[A-Za-z][A-Za-z0-9_.-]{0,49}$');

-- Erasure is the one writer allowed to change frozen rows, and says so for its transaction
-- with SET LOCAL assay.erasure = on. TRUNCATE is refused while any version is published. A
-- row goes with its dataset or project: the cascade runs after that row is gone.
CREATE FUNCTION "dataset_erasing"() RETURNS boolean LANGUAGE sql STABLE
  AS E'SELECT coalesce(current_setting(''assay.erasure'', true), '''') = ''on''';

CREATE FUNCTION "dataset_revisions_append_only"() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN
  IF TG_OP = ''TRUNCATE'' THEN
    IF EXISTS (SELECT 1 FROM dataset_versions) THEN
      RAISE EXCEPTION ''dataset item revisions cannot be removed'' USING ERRCODE = ''object_not_in_prerequisite_state''\073
    END IF\073
    RETURN NULL\073
  END IF\073
  IF TG_OP = ''DELETE'' THEN
    IF NOT EXISTS (SELECT 1 FROM datasets d WHERE d.project_id = OLD.project_id AND d.id = OLD.dataset_id)
       OR NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = OLD.project_id) THEN
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
CREATE TRIGGER "dataset_revisions_append_only" BEFORE UPDATE OR DELETE ON "dataset_item_revisions"
  FOR EACH ROW EXECUTE FUNCTION "dataset_revisions_append_only"();
CREATE TRIGGER "dataset_revisions_no_truncate" BEFORE TRUNCATE ON "dataset_item_revisions"
  FOR EACH STATEMENT EXECUTE FUNCTION "dataset_revisions_append_only"();

CREATE FUNCTION "dataset_versions_frozen"() RETURNS trigger LANGUAGE plpgsql
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
  IF dataset_erasing() AND (to_jsonb(NEW) - ARRAY[''checksum'', ''redacted_at'']) = (to_jsonb(OLD) - ARRAY[''checksum'', ''redacted_at''])
                      AND NEW.redacted_at IS NOT NULL THEN
    RETURN NEW\073
  END IF\073
  RAISE EXCEPTION ''dataset version % is published and cannot change'', OLD.id USING ERRCODE = ''object_not_in_prerequisite_state''\073
END';
CREATE TRIGGER "dataset_versions_frozen" BEFORE UPDATE OR DELETE ON "dataset_versions"
  FOR EACH ROW EXECUTE FUNCTION "dataset_versions_frozen"();
CREATE TRIGGER "dataset_versions_no_truncate" BEFORE TRUNCATE ON "dataset_versions"
  FOR EACH STATEMENT EXECUTE FUNCTION "dataset_versions_frozen"();

CREATE FUNCTION "dataset_version_items_frozen"() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN
  IF TG_OP = ''TRUNCATE'' THEN
    IF EXISTS (SELECT 1 FROM dataset_versions) THEN
      RAISE EXCEPTION ''the items of published dataset versions cannot be removed'' USING ERRCODE = ''object_not_in_prerequisite_state''\073
    END IF\073
    RETURN NULL\073
  END IF\073
  IF TG_OP = ''INSERT'' THEN
    -- Items join a version only in the transaction that creates it.
    IF EXISTS (SELECT 1 FROM dataset_versions v WHERE v.project_id = NEW.project_id AND v.id = NEW.version_id AND v.xmin <> pg_current_xact_id()::xid) THEN
      RAISE EXCEPTION ''dataset version % is published and cannot change'', NEW.version_id USING ERRCODE = ''object_not_in_prerequisite_state''\073
    END IF\073
    RETURN NEW\073
  END IF\073
  IF TG_OP = ''DELETE'' AND (NOT EXISTS (SELECT 1 FROM dataset_versions v WHERE v.project_id = OLD.project_id AND v.id = OLD.version_id)
                          OR NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = OLD.project_id)) THEN
    RETURN OLD\073
  END IF\073
  RAISE EXCEPTION ''dataset version % is published and cannot change'', OLD.version_id USING ERRCODE = ''object_not_in_prerequisite_state''\073
END';
CREATE TRIGGER "dataset_version_items_frozen" BEFORE INSERT OR UPDATE OR DELETE ON "dataset_version_items"
  FOR EACH ROW EXECUTE FUNCTION "dataset_version_items_frozen"();
CREATE TRIGGER "dataset_version_items_no_truncate" BEFORE TRUNCATE ON "dataset_version_items"
  FOR EACH STATEMENT EXECUTE FUNCTION "dataset_version_items_frozen"();
