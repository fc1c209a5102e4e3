-- The statement check of frozen items looked for a stray revision with LIMIT 1 across a join
-- with the versions, which the planner ran as an index probe per row: 8 to 10 s for a million
-- items. Counting the strays of each version against its own dataset lets it choose: a probe
-- per row for a few rows, one hash of the dataset's revisions for many (about 2.5 s for a
-- million). Only when there is a stray is one looked up, to name it.

CREATE OR REPLACE FUNCTION "dataset_version_items_joined"() RETURNS trigger LANGUAGE plpgsql
  AS E'DECLARE
  published UUID\073
  missing UUID\073
  stray UUID\073
  target RECORD\073
  strays BIGINT\073
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
  FOR target IN
    SELECT v.project_id, v.id, v.dataset_id
      FROM (SELECT DISTINCT project_id, version_id FROM joined) j
      JOIN dataset_versions v ON v.project_id = j.project_id AND v.id = j.version_id
  LOOP
    SELECT count(*) INTO strays FROM joined j
     WHERE j.project_id = target.project_id AND j.version_id = target.id
       AND NOT EXISTS (SELECT 1 FROM dataset_item_revisions r
                        WHERE r.project_id = target.project_id AND r.dataset_id = target.dataset_id AND r.id = j.revision_id)\073
    IF strays > 0 THEN
      SELECT j.revision_id INTO stray FROM joined j
       WHERE j.project_id = target.project_id AND j.version_id = target.id
         AND NOT EXISTS (SELECT 1 FROM dataset_item_revisions r
                          WHERE r.project_id = target.project_id AND r.dataset_id = target.dataset_id AND r.id = j.revision_id)
       LIMIT 1\073
      RAISE EXCEPTION ''% is not a revision of an item of the version''''s dataset'', stray USING ERRCODE = ''foreign_key_violation''\073
    END IF\073
  END LOOP\073
  RETURN NULL\073
END';
