-- Session tokens are signed, not stored: ending a user's sessions means refusing every token
-- signed in before this instant.

-- AlterTable
ALTER TABLE "users" ADD COLUMN "sessions_valid_after" TIMESTAMPTZ(3);
