-- LLM judges: a judge has immutable published versions (draft, then publish, like rubric
-- versions), each pinning a rubric criterion, a model connection and model, parameters, a
-- prompt template and the calibration examples it shows. Runs apply one version to a target
-- set through run items: one row per target, and one finished, unsuperseded result per
-- (version, target), which the database holds whatever the application does.

ALTER TABLE "projects" ADD COLUMN     "judge_min_items" INTEGER NOT NULL DEFAULT 30;

ALTER TABLE "scores" ADD COLUMN     "judge_version_id" UUID;

CREATE TABLE "judges" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "judges_pkey" PRIMARY KEY ("project_id","id")
);

CREATE TABLE "judge_versions" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "judge_id" UUID NOT NULL,
    "version" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "rubric_version_id" UUID NOT NULL,
    "criterion_id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "model" TEXT NOT NULL,
    "parameters" JSONB NOT NULL DEFAULT '{}',
    "template" TEXT NOT NULL,
    "example_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "change_note" TEXT NOT NULL DEFAULT '',
    "author_user_id" UUID,
    "published_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "judge_versions_pkey" PRIMARY KEY ("project_id","id")
);

CREATE TABLE "judge_calibration_examples" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "judge_id" UUID NOT NULL,
    "trace_id" UUID,
    "queue_item_id" UUID,
    "input" JSONB,
    "output" JSONB,
    "output_b" JSONB,
    "human_value" JSONB NOT NULL,
    "judge_value" JSONB,
    "judge_rationale" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "added_by_user_id" UUID,
    "added_by_api_key_id" UUID,
    "removed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "judge_calibration_examples_pkey" PRIMARY KEY ("project_id","id")
);

CREATE TABLE "judge_runs" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "judge_version_id" UUID NOT NULL,
    "target" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "rerun" BOOLEAN NOT NULL DEFAULT false,
    "spend_cap" DECIMAL(14,6),
    "estimate" JSONB NOT NULL DEFAULT '{}',
    "item_count" INTEGER NOT NULL DEFAULT 0,
    "input_tokens" BIGINT NOT NULL DEFAULT 0,
    "output_tokens" BIGINT NOT NULL DEFAULT 0,
    "cost" DECIMAL(14,6) NOT NULL DEFAULT 0,
    "error" TEXT,
    "created_by_user_id" UUID,
    "created_by_api_key_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "judge_runs_pkey" PRIMARY KEY ("project_id","id")
);

CREATE TABLE "judge_run_items" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "run_id" UUID NOT NULL,
    "judge_version_id" UUID NOT NULL,
    "trace_id" UUID,
    "queue_item_id" UUID,
    "dataset_item_id" UUID,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "superseded" BOOLEAN NOT NULL DEFAULT false,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lease_expires_at" TIMESTAMPTZ(3),
    "value" JSONB,
    "rationale" TEXT,
    "score_id" UUID,
    "raw" JSONB,
    "error_code" TEXT,
    "error_message" TEXT,
    "input_tokens" INTEGER NOT NULL DEFAULT 0,
    "output_tokens" INTEGER NOT NULL DEFAULT 0,
    "cost" DECIMAL(14,6) NOT NULL DEFAULT 0,
    "latency_ms" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "judge_run_items_pkey" PRIMARY KEY ("project_id","id")
);

CREATE UNIQUE INDEX "judges_project_id_name_key" ON "judges"("project_id", "name");

CREATE UNIQUE INDEX "judge_versions_project_id_judge_id_version_key" ON "judge_versions"("project_id", "judge_id", "version");

CREATE INDEX "judge_calibration_examples_judge_idx" ON "judge_calibration_examples"("project_id", "judge_id");

CREATE INDEX "judge_runs_version_idx" ON "judge_runs"("project_id", "judge_version_id", "created_at");

CREATE INDEX "judge_run_items_pending_idx" ON "judge_run_items"("project_id", "run_id", "status");

ALTER TABLE "scores" ADD CONSTRAINT "scores_project_id_judge_version_id_fkey" FOREIGN KEY ("project_id", "judge_version_id") REFERENCES "judge_versions"("project_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "judges" ADD CONSTRAINT "judges_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "judge_versions" ADD CONSTRAINT "judge_versions_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "judge_versions" ADD CONSTRAINT "judge_versions_project_id_judge_id_fkey" FOREIGN KEY ("project_id", "judge_id") REFERENCES "judges"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "judge_versions" ADD CONSTRAINT "judge_versions_project_id_rubric_version_id_fkey" FOREIGN KEY ("project_id", "rubric_version_id") REFERENCES "rubric_versions"("project_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "judge_versions" ADD CONSTRAINT "judge_versions_project_id_criterion_id_fkey" FOREIGN KEY ("project_id", "criterion_id") REFERENCES "criteria"("project_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "judge_versions" ADD CONSTRAINT "judge_versions_project_id_connection_id_fkey" FOREIGN KEY ("project_id", "connection_id") REFERENCES "model_connections"("project_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "judge_calibration_examples" ADD CONSTRAINT "judge_calibration_examples_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "judge_calibration_examples" ADD CONSTRAINT "judge_calibration_examples_project_id_judge_id_fkey" FOREIGN KEY ("project_id", "judge_id") REFERENCES "judges"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "judge_calibration_examples" ADD CONSTRAINT "judge_calibration_examples_project_id_trace_id_fkey" FOREIGN KEY ("project_id", "trace_id") REFERENCES "traces"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "judge_calibration_examples" ADD CONSTRAINT "judge_calibration_examples_project_id_queue_item_id_fkey" FOREIGN KEY ("project_id", "queue_item_id") REFERENCES "queue_items"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "judge_runs" ADD CONSTRAINT "judge_runs_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "judge_runs" ADD CONSTRAINT "judge_runs_project_id_judge_version_id_fkey" FOREIGN KEY ("project_id", "judge_version_id") REFERENCES "judge_versions"("project_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "judge_run_items" ADD CONSTRAINT "judge_run_items_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "judge_run_items" ADD CONSTRAINT "judge_run_items_project_id_run_id_fkey" FOREIGN KEY ("project_id", "run_id") REFERENCES "judge_runs"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "judge_run_items" ADD CONSTRAINT "judge_run_items_project_id_judge_version_id_fkey" FOREIGN KEY ("project_id", "judge_version_id") REFERENCES "judge_versions"("project_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "judge_run_items" ADD CONSTRAINT "judge_run_items_project_id_trace_id_fkey" FOREIGN KEY ("project_id", "trace_id") REFERENCES "traces"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "judge_run_items" ADD CONSTRAINT "judge_run_items_project_id_queue_item_id_fkey" FOREIGN KEY ("project_id", "queue_item_id") REFERENCES "queue_items"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "judge_run_items" ADD CONSTRAINT "judge_run_items_project_id_dataset_item_id_fkey" FOREIGN KEY ("project_id", "dataset_item_id") REFERENCES "dataset_items"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- What the schema language cannot say.
ALTER TABLE "projects" ADD CONSTRAINT "projects_judge_min_items" CHECK ("judge_min_items" BETWEEN 2 AND 100000);
-- The name is the rater name of the judge's scores and part of URLs: no colon, so
-- `external:<name>` can never name one of Assay's own judges.
ALTER TABLE "judges" ADD CONSTRAINT "judges_name_shape" CHECK ("name" ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$');
ALTER TABLE "judge_calibration_examples" ADD CONSTRAINT "judge_calibration_examples_one_target" CHECK (num_nonnulls("trace_id", "queue_item_id") = 1);

-- At most one draft per judge.
CREATE UNIQUE INDEX "judge_versions_one_draft" ON "judge_versions"("project_id", "judge_id") WHERE "status" = 'DRAFT';
ALTER TABLE "judge_versions" ADD CONSTRAINT "judge_versions_status" CHECK ("status" IN ('DRAFT', 'PUBLISHED'));
ALTER TABLE "judge_versions" ADD CONSTRAINT "judge_versions_numbered_when_published" CHECK (("status" = 'PUBLISHED') = ("version" IS NOT NULL AND "published_at" IS NOT NULL));
ALTER TABLE "judge_versions" ADD CONSTRAINT "judge_versions_parameters_object" CHECK (jsonb_typeof("parameters") = 'object');
ALTER TABLE "judge_versions" ADD CONSTRAINT "judge_versions_example_ids_set" CHECK ("example_ids" IS NOT NULL);

-- A published judge version refuses UPDATE and DELETE, except when its whole project is
-- being deleted (the cascade runs after the project row is gone).
CREATE FUNCTION "judge_versions_frozen"() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN
  IF TG_OP = ''TRUNCATE'' THEN
    IF EXISTS (SELECT 1 FROM judge_versions WHERE status = ''PUBLISHED'') THEN
      RAISE EXCEPTION ''published judge versions cannot be removed'' USING ERRCODE = ''object_not_in_prerequisite_state''\073
    END IF\073
    RETURN NULL\073
  END IF\073
  IF OLD.status = ''PUBLISHED'' THEN
    IF TG_OP = ''DELETE'' AND NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = OLD.project_id) THEN
      RETURN OLD\073
    END IF\073
    RAISE EXCEPTION ''judge version % is published and cannot change'', OLD.id USING ERRCODE = ''object_not_in_prerequisite_state''\073
  END IF\073
  IF TG_OP = ''DELETE'' THEN
    RETURN OLD\073
  END IF\073
  RETURN NEW\073
END';
CREATE TRIGGER "judge_versions_frozen" BEFORE UPDATE OR DELETE ON "judge_versions"
  FOR EACH ROW EXECUTE FUNCTION "judge_versions_frozen"();
CREATE TRIGGER "judge_versions_no_truncate" BEFORE TRUNCATE ON "judge_versions"
  FOR EACH STATEMENT EXECUTE FUNCTION "judge_versions_frozen"();

ALTER TABLE "judge_runs" ADD CONSTRAINT "judge_runs_status" CHECK ("status" IN ('QUEUED', 'RUNNING', 'COMPLETED', 'CANCELLED', 'CAPPED', 'FAILED'));
ALTER TABLE "judge_runs" ADD CONSTRAINT "judge_runs_target_object" CHECK (jsonb_typeof("target") = 'object');
ALTER TABLE "judge_run_items" ADD CONSTRAINT "judge_run_items_one_target" CHECK (num_nonnulls("trace_id", "queue_item_id", "dataset_item_id") = 1);
ALTER TABLE "judge_run_items" ADD CONSTRAINT "judge_run_items_status" CHECK ("status" IN ('PENDING', 'DONE', 'ERROR', 'SKIPPED'));
-- A run lists each target once.
CREATE UNIQUE INDEX "judge_run_items_run_target_key" ON "judge_run_items"("project_id", "run_id", "trace_id", "queue_item_id", "dataset_item_id") NULLS NOT DISTINCT;
-- One finished result per (judge version, target): a worker that repeats a call after a crash
-- cannot store a second, and a re-run marks the earlier result superseded as it lands.
CREATE UNIQUE INDEX "judge_run_items_one_result" ON "judge_run_items"("project_id", "judge_version_id", "trace_id", "queue_item_id", "dataset_item_id") NULLS NOT DISTINCT
  WHERE "status" = 'DONE' AND NOT "superseded";

-- A judge's score names the judge version that gave it, so Assay's own judges are never
-- confused with an external rater of the same name and version.
ALTER TABLE "scores" ADD CONSTRAINT "scores_judge_version_is_judge" CHECK ("judge_version_id" IS NULL OR ("source" = 'LLM_JUDGE' AND "rater_name" IS NOT NULL));
CREATE INDEX "scores_judge_version_idx" ON "scores"("project_id", "judge_version_id") WHERE "judge_version_id" IS NOT NULL;
DROP INDEX "scores_current_key";
CREATE UNIQUE INDEX "scores_current_key" ON "scores"
  ("project_id", "trace_id", "span_id", "queue_item_id", "rater_user_id", "rater_api_key_id", "rater_name", "rater_version", "judge_version_id", "name")
  NULLS NOT DISTINCT WHERE "is_current";
