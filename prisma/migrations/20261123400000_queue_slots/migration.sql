-- AlterTable
ALTER TABLE "assignments" ADD COLUMN     "claimed_at" TIMESTAMPTZ(3),
ADD COLUMN     "flag_reason" TEXT,
ADD COLUMN     "flagged_at" TIMESTAMPTZ(3),
ADD COLUMN     "queue_id" UUID,
ADD COLUMN     "submission_id" UUID;

-- CreateTable
CREATE TABLE "queue_slots" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "queue_id" UUID NOT NULL,
    "queue_item_id" UUID NOT NULL,
    "priority" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "leased_by" UUID,
    "assignment_id" UUID,
    "lease_expires_at" TIMESTAMPTZ(3),

    CONSTRAINT "queue_slots_pkey" PRIMARY KEY ("project_id","id")
);

-- CreateIndex
CREATE INDEX "queue_slots_project_id_queue_id_priority_id_idx" ON "queue_slots"("project_id", "queue_id", "priority", "id");

-- CreateIndex
CREATE INDEX "queue_slots_project_id_queue_item_id_idx" ON "queue_slots"("project_id", "queue_item_id");

-- CreateIndex
CREATE INDEX "assignments_project_id_queue_id_user_id_status_idx" ON "assignments"("project_id", "queue_id", "user_id", "status");

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_project_id_queue_id_fkey" FOREIGN KEY ("project_id", "queue_id") REFERENCES "queues"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_slots" ADD CONSTRAINT "queue_slots_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_slots" ADD CONSTRAINT "queue_slots_project_id_queue_id_fkey" FOREIGN KEY ("project_id", "queue_id") REFERENCES "queues"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_slots" ADD CONSTRAINT "queue_slots_project_id_queue_item_id_fkey" FOREIGN KEY ("project_id", "queue_item_id") REFERENCES "queue_items"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;



-- ───── Written by hand ─────

-- A lease is a holder, its assignment and an expiry together, or none of them.
ALTER TABLE "queue_slots" ADD CONSTRAINT "queue_slots_lease_whole"
  CHECK (num_nonnulls("leased_by", "assignment_id", "lease_expires_at") IN (0, 3));
-- Claims rewrite the lease columns in place: room in each page keeps those updates HOT.
ALTER TABLE "queue_slots" SET (fillfactor = 70);

-- A client's submission id is used once.
CREATE UNIQUE INDEX "assignments_submission_once" ON "assignments" ("project_id", "submission_id") WHERE "submission_id" IS NOT NULL;

-- The overlap, held by the database whatever the application does: a submitted count may not
-- grow past the queue's overlap. Lowering the overlap later leaves counts above it alone.
CREATE FUNCTION "queue_items_within_overlap"() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN IF NEW.submitted_count > OLD.submitted_count AND NEW.submitted_count > (SELECT q.overlap FROM queues q WHERE q.project_id = NEW.project_id AND q.id = NEW.queue_id) THEN RAISE EXCEPTION ''queue item % would exceed its overlap'', NEW.id USING ERRCODE = ''check_violation''\073 END IF\073 RETURN NEW\073 END';
CREATE TRIGGER "queue_items_overlap_guard" BEFORE UPDATE OF "submitted_count" ON "queue_items"
  FOR EACH ROW EXECUTE FUNCTION "queue_items_within_overlap"();

-- Existing queues get their open slots and assignments their queue.
UPDATE "assignments" a SET "queue_id" = i."queue_id" FROM "queue_items" i
  WHERE i."project_id" = a."project_id" AND i."id" = a."queue_item_id" AND a."queue_id" IS NULL;
INSERT INTO "queue_slots" ("project_id", "queue_id", "queue_item_id", "priority")
  SELECT i."project_id", i."queue_id", i."id", i."priority"
    FROM "queue_items" i JOIN "queues" q ON q."project_id" = i."project_id" AND q."id" = i."queue_id"
    CROSS JOIN LATERAL generate_series(1, GREATEST(0, q."overlap" - i."submitted_count"))
   WHERE i."status" = 'PENDING'
     AND NOT EXISTS (SELECT 1 FROM "queue_slots" s WHERE s."project_id" = i."project_id" AND s."queue_item_id" = i."id");
