import type { Database } from "@/lib/db/client";

// Readiness: "ok" only when the database answers; an unreachable one becomes the wrapper's 503
// with Retry-After, and a load balancer sends traffic elsewhere. Liveness (/api/health/live)
// never asks the database, so an outage does not get healthy instances restarted.

export async function checkHealth({ prisma: db }: Database): Promise<{ status: "ok" }> {
  await db.$queryRaw`SELECT 1`;
  return { status: "ok" };
}
