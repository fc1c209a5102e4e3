-- Publishing a version of a million items paid, for every row it froze, a row trigger that
-- looked the version up again and three foreign key checks, each a query of its own that
-- also locked the row it found (locking every frozen revision wrote to each of them). The
-- checks move to one statement-level trigger over the rows a statement added (a transition
-- table), made once for all of them:
--   - each version they join was created by this transaction, as before: the database still
--     refuses any change to a published version (updates, deletes and truncation keep their
--     triggers)
--   - each revision is one of the version's own dataset, in its project: more than the
--     foreign key to the revision said. Revisions are never deleted while their dataset
--     lives (their trigger refuses it), and deleting the dataset takes its versions too, so
--     nothing can point at a revision that is gone
--   - the version exists: its foreign key stays, for the cascade that removes a version's items
--     with it. The key to the project went: the version's key names the same project.
-- Function bodies write their semicolons as an octal escape, as in the datasets migration.

CREATE FUNCTION "dataset_version_items_joined"() RETURNS trigger LANGUAGE plpgsql
  AS E'DECLARE
  published UUID\073
  stray UUID\073
BEGIN
  SELECT v.id INTO published
    FROM (SELECT DISTINCT project_id, version_id FROM joined) j
    JOIN dataset_versions v ON v.project_id = j.project_id AND v.id = j.version_id
   WHERE NOT dataset_row_is_ours(v.xmin)
   LIMIT 1\073
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

-- The row trigger keeps updates and deletes. Its function is left as it was: its branch for
-- inserts is no longer reached.
DROP TRIGGER "dataset_version_items_frozen" ON "dataset_version_items";
CREATE TRIGGER "dataset_version_items_frozen" BEFORE UPDATE OR DELETE ON "dataset_version_items"
  FOR EACH ROW EXECUTE FUNCTION "dataset_version_items_frozen"();
CREATE TRIGGER "dataset_version_items_joined" AFTER INSERT ON "dataset_version_items"
  REFERENCING NEW TABLE AS "joined" FOR EACH STATEMENT EXECUTE FUNCTION "dataset_version_items_joined"();

ALTER TABLE "dataset_version_items" DROP CONSTRAINT "dataset_version_items_project_id_fkey";
ALTER TABLE "dataset_version_items" DROP CONSTRAINT "dataset_version_items_project_id_revision_id_fkey";
