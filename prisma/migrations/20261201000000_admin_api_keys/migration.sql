-- ADMIN keys: what a FULL key may, plus the reads only admins have through the API (the
-- audit log). Routes that change members, keys, rubrics or settings stay session-only.
ALTER TYPE "ApiKeyScope" ADD VALUE 'ADMIN';
