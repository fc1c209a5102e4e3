-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'ENGINEER', 'EXPERT', 'VIEWER');

-- CreateEnum
CREATE TYPE "ApiKeyScope" AS ENUM ('INGEST', 'FULL');

-- CreateEnum
CREATE TYPE "SpanType" AS ENUM ('LLM', 'RETRIEVAL', 'TOOL', 'CHAIN', 'EMBEDDING', 'GUARDRAIL', 'OTHER');

-- CreateEnum
CREATE TYPE "RubricVersionStatus" AS ENUM ('DRAFT', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "CriterionType" AS ENUM ('BINARY', 'SCALE', 'CATEGORICAL', 'MULTI', 'NUMERIC', 'TEXT', 'CORRECTION', 'PREFERENCE');

-- CreateEnum
CREATE TYPE "MeasurementLevel" AS ENUM ('NOMINAL', 'ORDINAL', 'INTERVAL', 'RATIO', 'NONE');

-- CreateEnum
CREATE TYPE "QueueMode" AS ENUM ('SINGLE', 'PAIRWISE');

-- CreateEnum
CREATE TYPE "QueueStatus" AS ENUM ('ACTIVE', 'PAUSED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "QueueItemStatus" AS ENUM ('PENDING', 'COMPLETED', 'REMOVED');

-- CreateEnum
CREATE TYPE "AssignmentStatus" AS ENUM ('LEASED', 'SUBMITTED', 'SKIPPED', 'RELEASED');

-- CreateEnum
CREATE TYPE "ScoreSource" AS ENUM ('HUMAN', 'LLM_JUDGE', 'CODE', 'END_USER');

-- CreateEnum
CREATE TYPE "ScoreDataType" AS ENUM ('NUMERIC', 'BOOLEAN', 'CATEGORICAL', 'MULTI', 'TEXT', 'JSON');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT,
    "is_instance_admin" BOOLEAN NOT NULL DEFAULT false,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "deactivated_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "password_resets" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "password_resets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "projects" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "projects_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "memberships" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "deactivated_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("project_id","id")
);

-- CreateTable
CREATE TABLE "invitations" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("project_id","id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "display_hint" TEXT NOT NULL,
    "scope" "ApiKeyScope" NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("project_id","id")
);

-- CreateTable
CREATE TABLE "traces" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "external_id" TEXT NOT NULL,
    "name" TEXT,
    "input" JSONB,
    "output" JSONB,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "session_id" TEXT,
    "end_user_id" TEXT,
    "release" TEXT,
    "prompt_version" TEXT,
    "start_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "end_time" TIMESTAMPTZ(3),
    "locked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "traces_pkey" PRIMARY KEY ("project_id","id")
);

-- CreateTable
CREATE TABLE "spans" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "trace_id" UUID NOT NULL,
    "span_id" TEXT NOT NULL,
    "parent_span_id" TEXT,
    "type" "SpanType" NOT NULL DEFAULT 'OTHER',
    "name" TEXT NOT NULL,
    "input" JSONB,
    "output" JSONB,
    "model" TEXT,
    "input_tokens" INTEGER,
    "output_tokens" INTEGER,
    "status" TEXT,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "start_time" TIMESTAMPTZ(3) NOT NULL,
    "end_time" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "spans_pkey" PRIMARY KEY ("project_id","id")
);

-- CreateTable
CREATE TABLE "rubrics" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rubrics_pkey" PRIMARY KEY ("project_id","id")
);

-- CreateTable
CREATE TABLE "rubric_versions" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "rubric_id" UUID NOT NULL,
    "version" INTEGER,
    "status" "RubricVersionStatus" NOT NULL DEFAULT 'DRAFT',
    "guidelines" TEXT NOT NULL DEFAULT '',
    "change_note" TEXT NOT NULL DEFAULT '',
    "published_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rubric_versions_pkey" PRIMARY KEY ("project_id","id")
);

-- CreateTable
CREATE TABLE "criteria" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "rubric_version_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "question" TEXT NOT NULL DEFAULT '',
    "guidance" TEXT NOT NULL DEFAULT '',
    "required" BOOLEAN NOT NULL DEFAULT true,
    "type" "CriterionType" NOT NULL,
    "measurement_level" "MeasurementLevel" NOT NULL,
    "config" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "criteria_pkey" PRIMARY KEY ("project_id","id")
);

-- CreateTable
CREATE TABLE "queues" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "instructions" TEXT NOT NULL DEFAULT '',
    "rubric_version_id" UUID NOT NULL,
    "mode" "QueueMode" NOT NULL DEFAULT 'SINGLE',
    "overlap" INTEGER NOT NULL DEFAULT 1,
    "blind" BOOLEAN NOT NULL DEFAULT false,
    "ordering" JSONB NOT NULL DEFAULT '{"kind":"oldest"}',
    "status" "QueueStatus" NOT NULL DEFAULT 'ACTIVE',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "queues_pkey" PRIMARY KEY ("project_id","id")
);

-- CreateTable
CREATE TABLE "queue_members" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "queue_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "queue_members_pkey" PRIMARY KEY ("project_id","id")
);

-- CreateTable
CREATE TABLE "queue_items" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "queue_id" UUID NOT NULL,
    "trace_id" UUID,
    "trace_b_id" UUID,
    "priority" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "status" "QueueItemStatus" NOT NULL DEFAULT 'PENDING',
    "submitted_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "queue_items_pkey" PRIMARY KEY ("project_id","id")
);

-- CreateTable
CREATE TABLE "assignments" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "queue_item_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "status" "AssignmentStatus" NOT NULL DEFAULT 'LEASED',
    "lease_expires_at" TIMESTAMPTZ(3) NOT NULL,
    "left_side" TEXT,
    "skip_reason" TEXT,
    "draft" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submitted_at" TIMESTAMPTZ(3),

    CONSTRAINT "assignments_pkey" PRIMARY KEY ("project_id","id")
);

-- CreateTable
CREATE TABLE "scores" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "external_id" TEXT,
    "trace_id" UUID,
    "span_id" UUID,
    "queue_item_id" UUID,
    "name" TEXT NOT NULL,
    "data_type" "ScoreDataType" NOT NULL,
    "number_value" DOUBLE PRECISION,
    "text_value" TEXT,
    "json_value" JSONB,
    "comment" TEXT,
    "rubric_version_id" UUID,
    "criterion_id" UUID,
    "source" "ScoreSource" NOT NULL,
    "rater_user_id" UUID,
    "rater_api_key_id" UUID,
    "rater_name" TEXT,
    "rater_version" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "is_current" BOOLEAN NOT NULL DEFAULT true,
    "supersedes_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scores_pkey" PRIMARY KEY ("project_id","id")
);

-- CreateTable
CREATE TABLE "comments" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "trace_id" UUID,
    "queue_item_id" UUID,
    "author_id" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "comments_pkey" PRIMARY KEY ("project_id","id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "project_id" UUID,
    "actor_user_id" UUID,
    "actor_api_key_id" UUID,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "password_resets_token_hash_key" ON "password_resets"("token_hash");

-- CreateIndex
CREATE INDEX "password_resets_user_id_idx" ON "password_resets"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "projects_slug_key" ON "projects"("slug");

-- CreateIndex
CREATE INDEX "memberships_user_id_idx" ON "memberships"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "memberships_project_id_user_id_key" ON "memberships"("project_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations"("token_hash");

-- CreateIndex
CREATE INDEX "invitations_project_id_created_at_idx" ON "invitations"("project_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

-- CreateIndex
CREATE INDEX "api_keys_project_id_created_at_idx" ON "api_keys"("project_id", "created_at");

-- CreateIndex
CREATE INDEX "traces_project_id_start_time_id_idx" ON "traces"("project_id", "start_time" DESC, "id");

-- CreateIndex
CREATE INDEX "traces_project_id_end_user_id_idx" ON "traces"("project_id", "end_user_id");

-- CreateIndex
CREATE INDEX "traces_project_id_session_id_idx" ON "traces"("project_id", "session_id");

-- CreateIndex
CREATE UNIQUE INDEX "traces_project_id_external_id_key" ON "traces"("project_id", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "spans_project_id_trace_id_span_id_key" ON "spans"("project_id", "trace_id", "span_id");

-- CreateIndex
CREATE UNIQUE INDEX "rubrics_project_id_slug_key" ON "rubrics"("project_id", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "rubric_versions_project_id_rubric_id_version_key" ON "rubric_versions"("project_id", "rubric_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "criteria_project_id_rubric_version_id_key_key" ON "criteria"("project_id", "rubric_version_id", "key");

-- CreateIndex
CREATE INDEX "queues_project_id_created_at_idx" ON "queues"("project_id", "created_at");

-- CreateIndex
CREATE INDEX "queue_members_project_id_user_id_idx" ON "queue_members"("project_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "queue_members_project_id_queue_id_user_id_key" ON "queue_members"("project_id", "queue_id", "user_id");

-- CreateIndex
CREATE INDEX "queue_items_project_id_queue_id_status_priority_idx" ON "queue_items"("project_id", "queue_id", "status", "priority");

-- CreateIndex
CREATE INDEX "queue_items_project_id_trace_id_idx" ON "queue_items"("project_id", "trace_id");

-- CreateIndex
CREATE INDEX "assignments_project_id_user_id_status_idx" ON "assignments"("project_id", "user_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "assignments_project_id_queue_item_id_user_id_key" ON "assignments"("project_id", "queue_item_id", "user_id");

-- CreateIndex
CREATE INDEX "scores_project_id_trace_id_idx" ON "scores"("project_id", "trace_id");

-- CreateIndex
CREATE INDEX "scores_project_id_span_id_idx" ON "scores"("project_id", "span_id");

-- CreateIndex
CREATE INDEX "scores_project_id_queue_item_id_idx" ON "scores"("project_id", "queue_item_id");

-- CreateIndex
CREATE INDEX "scores_project_id_name_created_at_idx" ON "scores"("project_id", "name", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "scores_project_id_external_id_key" ON "scores"("project_id", "external_id");

-- CreateIndex
CREATE INDEX "comments_project_id_trace_id_idx" ON "comments"("project_id", "trace_id");

-- CreateIndex
CREATE INDEX "comments_project_id_queue_item_id_idx" ON "comments"("project_id", "queue_item_id");

-- CreateIndex
CREATE INDEX "audit_events_project_id_created_at_idx" ON "audit_events"("project_id", "created_at");

-- AddForeignKey
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "traces" ADD CONSTRAINT "traces_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "spans" ADD CONSTRAINT "spans_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "spans" ADD CONSTRAINT "spans_project_id_trace_id_fkey" FOREIGN KEY ("project_id", "trace_id") REFERENCES "traces"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rubrics" ADD CONSTRAINT "rubrics_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rubric_versions" ADD CONSTRAINT "rubric_versions_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rubric_versions" ADD CONSTRAINT "rubric_versions_project_id_rubric_id_fkey" FOREIGN KEY ("project_id", "rubric_id") REFERENCES "rubrics"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "criteria" ADD CONSTRAINT "criteria_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "criteria" ADD CONSTRAINT "criteria_project_id_rubric_version_id_fkey" FOREIGN KEY ("project_id", "rubric_version_id") REFERENCES "rubric_versions"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queues" ADD CONSTRAINT "queues_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queues" ADD CONSTRAINT "queues_project_id_rubric_version_id_fkey" FOREIGN KEY ("project_id", "rubric_version_id") REFERENCES "rubric_versions"("project_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_members" ADD CONSTRAINT "queue_members_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_members" ADD CONSTRAINT "queue_members_project_id_queue_id_fkey" FOREIGN KEY ("project_id", "queue_id") REFERENCES "queues"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_members" ADD CONSTRAINT "queue_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_items" ADD CONSTRAINT "queue_items_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_items" ADD CONSTRAINT "queue_items_project_id_queue_id_fkey" FOREIGN KEY ("project_id", "queue_id") REFERENCES "queues"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_items" ADD CONSTRAINT "queue_items_project_id_trace_id_fkey" FOREIGN KEY ("project_id", "trace_id") REFERENCES "traces"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_items" ADD CONSTRAINT "queue_items_project_id_trace_b_id_fkey" FOREIGN KEY ("project_id", "trace_b_id") REFERENCES "traces"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_project_id_queue_item_id_fkey" FOREIGN KEY ("project_id", "queue_item_id") REFERENCES "queue_items"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scores" ADD CONSTRAINT "scores_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scores" ADD CONSTRAINT "scores_project_id_trace_id_fkey" FOREIGN KEY ("project_id", "trace_id") REFERENCES "traces"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scores" ADD CONSTRAINT "scores_project_id_span_id_fkey" FOREIGN KEY ("project_id", "span_id") REFERENCES "spans"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scores" ADD CONSTRAINT "scores_project_id_queue_item_id_fkey" FOREIGN KEY ("project_id", "queue_item_id") REFERENCES "queue_items"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scores" ADD CONSTRAINT "scores_project_id_rubric_version_id_fkey" FOREIGN KEY ("project_id", "rubric_version_id") REFERENCES "rubric_versions"("project_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scores" ADD CONSTRAINT "scores_project_id_criterion_id_fkey" FOREIGN KEY ("project_id", "criterion_id") REFERENCES "criteria"("project_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scores" ADD CONSTRAINT "scores_rater_user_id_fkey" FOREIGN KEY ("rater_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scores" ADD CONSTRAINT "scores_project_id_rater_api_key_id_fkey" FOREIGN KEY ("project_id", "rater_api_key_id") REFERENCES "api_keys"("project_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_project_id_trace_id_fkey" FOREIGN KEY ("project_id", "trace_id") REFERENCES "traces"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_project_id_queue_item_id_fkey" FOREIGN KEY ("project_id", "queue_item_id") REFERENCES "queue_items"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_user_id_fkey" FOREIGN KEY ("actor_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- ───── Written by hand: rules the Prisma schema language cannot express ─────

ALTER TABLE "users" ADD CONSTRAINT "users_email_lower" CHECK ("email" = lower("email"));

-- A rubric version is either a draft (no number) or published (numbered), and there is one draft at a time.
ALTER TABLE "rubric_versions" ADD CONSTRAINT "rubric_versions_number_iff_published"
  CHECK (("status" = 'PUBLISHED') = ("version" IS NOT NULL));
CREATE UNIQUE INDEX "rubric_versions_one_draft" ON "rubric_versions" ("project_id", "rubric_id") WHERE "status" = 'DRAFT';

ALTER TABLE "queues" ADD CONSTRAINT "queues_overlap_positive" CHECK ("overlap" >= 1);

-- A queue item has exactly one primary target (dataset items join this list later), a
-- pairwise item adds a second, different trace. An item is in a queue at most once.
ALTER TABLE "queue_items" ADD CONSTRAINT "queue_items_one_target" CHECK (num_nonnulls("trace_id") = 1);
ALTER TABLE "queue_items" ADD CONSTRAINT "queue_items_pair" CHECK ("trace_b_id" IS NULL OR ("trace_id" IS NOT NULL AND "trace_b_id" <> "trace_id"));
ALTER TABLE "queue_items" ADD CONSTRAINT "queue_items_submitted_count" CHECK ("submitted_count" >= 0);
CREATE UNIQUE INDEX "queue_items_target_once" ON "queue_items" ("project_id", "queue_id", "trace_id", "trace_b_id") NULLS NOT DISTINCT;

ALTER TABLE "assignments" ADD CONSTRAINT "assignments_left_side" CHECK ("left_side" IS NULL OR "left_side" IN ('A', 'B'));

-- Scores: exactly one target, exactly one rater, a value that matches the data type.
ALTER TABLE "scores" ADD CONSTRAINT "scores_one_target" CHECK (num_nonnulls("trace_id", "span_id", "queue_item_id") = 1);
ALTER TABLE "scores" ADD CONSTRAINT "scores_one_rater" CHECK (num_nonnulls("rater_user_id", "rater_api_key_id", "rater_name") = 1);
ALTER TABLE "scores" ADD CONSTRAINT "scores_rater_version_external" CHECK ("rater_version" IS NULL OR "rater_name" IS NOT NULL);
ALTER TABLE "scores" ADD CONSTRAINT "scores_criterion_has_version" CHECK ("criterion_id" IS NULL OR "rubric_version_id" IS NOT NULL);
ALTER TABLE "scores" ADD CONSTRAINT "scores_revision_positive" CHECK ("revision" >= 1);
ALTER TABLE "scores" ADD CONSTRAINT "scores_typed_value" CHECK (
  CASE "data_type"
    WHEN 'NUMERIC' THEN "number_value" IS NOT NULL AND "text_value" IS NULL AND "json_value" IS NULL
    WHEN 'BOOLEAN' THEN "number_value" IN (0, 1) AND "text_value" IS NULL AND "json_value" IS NULL
    WHEN 'CATEGORICAL' THEN "text_value" IS NOT NULL AND "json_value" IS NULL
    WHEN 'TEXT' THEN "text_value" IS NOT NULL AND "number_value" IS NULL AND "json_value" IS NULL
    WHEN 'MULTI' THEN jsonb_typeof("json_value") = 'array' AND "number_value" IS NULL AND "text_value" IS NULL
    WHEN 'JSON' THEN "json_value" IS NOT NULL AND "number_value" IS NULL AND "text_value" IS NULL
  END
);
-- One current row per (target, rater, name). Revisions are appended with is_current moved.
CREATE UNIQUE INDEX "scores_current_key" ON "scores"
  ("project_id", "trace_id", "span_id", "queue_item_id", "rater_user_id", "rater_api_key_id", "rater_name", "rater_version", "name")
  NULLS NOT DISTINCT WHERE "is_current";

ALTER TABLE "comments" ADD CONSTRAINT "comments_one_target" CHECK (num_nonnulls("trace_id", "queue_item_id") = 1);

-- The audit log is append-only, whatever the application does.
-- The migration runner splits scripts at every semicolon, even inside quotes, so the body's
-- one semicolon is written as the escape \073.
CREATE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN RAISE EXCEPTION ''audit_events is append-only'' USING ERRCODE = ''insufficient_privilege''\073 END';
CREATE TRIGGER "audit_events_no_update_or_delete" BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"();
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"();
