-- Deleting a trace (by end user, retention, or one by one) cascades to the pairwise queue items
-- that show it as their second output. Without an index on that column each deletion scanned
-- the project's queue items.
CREATE INDEX "queue_items_project_id_trace_b_id_idx" ON "queue_items"("project_id", "trace_b_id");
