import type { Database } from "@/lib/db/client";

// The health check answers "ok" only when the database answers; an unreachable one becomes
// the wrapper's 503 with Retry-After.

export async function checkHealth({ prisma: db }: Database): Promise<{ status: "ok" }> {
  await db.$queryRaw`SELECT 1`;
  return { status: "ok" };
}
