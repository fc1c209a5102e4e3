-- Agreement, adjudication and gold: project thresholds, a queue's consensus policy, the
-- experts named to settle one queue, and gold labels in a table of their own (never scores).

CREATE TYPE "ConsensusPolicy" AS ENUM ('UNANIMOUS', 'MAJORITY', 'MEDIAN', 'MEAN');
CREATE TYPE "GoldKind" AS ENUM ('ADJUDICATED', 'REFERENCE');

ALTER TABLE "projects" ADD COLUMN "agreement_tentative" DOUBLE PRECISION NOT NULL DEFAULT 0.667,
                       ADD COLUMN "agreement_reliable" DOUBLE PRECISION NOT NULL DEFAULT 0.8;
ALTER TABLE "projects" ADD CONSTRAINT "projects_agreement_thresholds"
  CHECK ("agreement_tentative" > 0 AND "agreement_tentative" <= "agreement_reliable" AND "agreement_reliable" <= 1);

ALTER TABLE "queues" ADD COLUMN "consensus_policy" "ConsensusPolicy" NOT NULL DEFAULT 'MAJORITY',
                     ADD COLUMN "ingest_raters" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "queue_adjudicators" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "queue_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "queue_adjudicators_pkey" PRIMARY KEY ("project_id","id")
);
CREATE INDEX "queue_adjudicators_project_id_user_id_idx" ON "queue_adjudicators"("project_id", "user_id");
CREATE UNIQUE INDEX "queue_adjudicators_project_id_queue_id_user_id_key" ON "queue_adjudicators"("project_id", "queue_id", "user_id");
ALTER TABLE "queue_adjudicators" ADD CONSTRAINT "queue_adjudicators_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "queue_adjudicators" ADD CONSTRAINT "queue_adjudicators_project_id_queue_id_fkey" FOREIGN KEY ("project_id", "queue_id") REFERENCES "queues"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "queue_adjudicators" ADD CONSTRAINT "queue_adjudicators_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "gold_labels" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "queue_item_id" UUID NOT NULL,
    "side" TEXT,
    "rubric_version_id" UUID NOT NULL,
    "criterion_id" UUID NOT NULL,
    "kind" "GoldKind" NOT NULL,
    "data_type" "ScoreDataType" NOT NULL,
    "number_value" DOUBLE PRECISION,
    "text_value" TEXT,
    "json_value" JSONB,
    "reason" TEXT,
    "author_user_id" UUID,
    "author_api_key_id" UUID,
    "candidate_score_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "revision" INTEGER NOT NULL DEFAULT 1,
    "is_current" BOOLEAN NOT NULL DEFAULT true,
    "supersedes_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gold_labels_pkey" PRIMARY KEY ("project_id","id")
);
CREATE INDEX "gold_labels_project_id_queue_item_id_idx" ON "gold_labels"("project_id", "queue_item_id");
ALTER TABLE "gold_labels" ADD CONSTRAINT "gold_labels_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "gold_labels" ADD CONSTRAINT "gold_labels_project_id_queue_item_id_fkey" FOREIGN KEY ("project_id", "queue_item_id") REFERENCES "queue_items"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "gold_labels" ADD CONSTRAINT "gold_labels_project_id_rubric_version_id_fkey" FOREIGN KEY ("project_id", "rubric_version_id") REFERENCES "rubric_versions"("project_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "gold_labels" ADD CONSTRAINT "gold_labels_project_id_criterion_id_fkey" FOREIGN KEY ("project_id", "criterion_id") REFERENCES "criteria"("project_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "gold_labels" ADD CONSTRAINT "gold_labels_author_user_id_fkey" FOREIGN KEY ("author_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "gold_labels" ADD CONSTRAINT "gold_labels_project_id_author_api_key_id_fkey" FOREIGN KEY ("project_id", "author_api_key_id") REFERENCES "api_keys"("project_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- What the schema language cannot say: one author, a side only A or B, the value in the
-- column its type names (as scores_typed_value), and one current row per chain.
ALTER TABLE "gold_labels" ADD CONSTRAINT "gold_labels_one_author" CHECK (num_nonnulls("author_user_id", "author_api_key_id") = 1);
ALTER TABLE "gold_labels" ADD CONSTRAINT "gold_labels_side" CHECK ("side" IS NULL OR "side" IN ('A', 'B'));
ALTER TABLE "gold_labels" ADD CONSTRAINT "gold_labels_typed_value" CHECK (
  CASE "data_type"
    WHEN 'NUMERIC' THEN "number_value" IS NOT NULL AND "text_value" IS NULL AND "json_value" IS NULL
    WHEN 'BOOLEAN' THEN "number_value" IN (0, 1) AND "text_value" IS NULL AND "json_value" IS NULL
    WHEN 'CATEGORICAL' THEN "text_value" IS NOT NULL AND "json_value" IS NULL
    WHEN 'TEXT' THEN "text_value" IS NOT NULL AND "number_value" IS NULL AND "json_value" IS NULL
    WHEN 'MULTI' THEN jsonb_typeof("json_value") = 'array' AND "number_value" IS NULL AND "text_value" IS NULL
    WHEN 'JSON' THEN "json_value" IS NOT NULL AND "number_value" IS NULL AND "text_value" IS NULL
  END
);
CREATE UNIQUE INDEX "gold_labels_current_key" ON "gold_labels" ("project_id", "queue_item_id", "side", "criterion_id", "kind")
  NULLS NOT DISTINCT WHERE "is_current";
