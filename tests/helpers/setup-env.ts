import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET = "integration-test-secret-0123456789";
process.env.NEXTAUTH_URL = "http://assay.test";
process.env.ASSAY_JOBS = "off";
