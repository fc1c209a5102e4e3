import { inject } from "vitest";
import { createFileDatabase } from "./database";

// Runs before each test file: the file gets its own copy of the migrated template database.
process.env.DATABASE_URL = await createFileDatabase(inject("databaseUrl"), inject("testRunId"));
process.env.NEXTAUTH_SECRET = "integration-test-secret-0123456789";
process.env.NEXTAUTH_URL = "http://assay.test";
process.env.ASSAY_JOBS = "off";
// Warnings and errors only: a line per request would bury the test report.
process.env.ASSAY_LOG_LEVEL ??= "warn";
