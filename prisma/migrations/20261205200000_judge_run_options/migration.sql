-- A run's own limits (concurrency, requests per minute), which may only lower what the
-- judge version allows.
ALTER TABLE "judge_runs" ADD COLUMN "options" JSONB NOT NULL DEFAULT '{}';
ALTER TABLE "judge_runs" ADD CONSTRAINT "judge_runs_options_object" CHECK (jsonb_typeof("options") = 'object');
