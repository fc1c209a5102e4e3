import PgBoss from "pg-boss";
import { env } from "@/lib/env";
import { currentContext } from "@/lib/ops/context";
import { log } from "@/lib/ops/log";

// Sending a job from a request: a send-only pg-boss client per process (no workers, no
// maintenance), so any instance can enqueue whatever instance ends up doing the work. A job
// sent while a request is answered carries the request's id, and the worker logs under it.

const store = globalThis as unknown as { __assaySender?: Promise<PgBoss> };
const created = new Set<string>();

async function sender(): Promise<PgBoss> {
  store.__assaySender ??= (async () => {
    const boss = new PgBoss({
      connectionString: env().DATABASE_URL,
      schema: "pgboss",
      max: 2,
      supervise: false,
      schedule: false,
      application_name: "assay-send",
    });
    boss.on("error", (error) => log().error({ err: error }, "job queue error"));
    await boss.start();
    return boss;
  })().catch((error) => {
    store.__assaySender = undefined;
    throw error;
  });
  return store.__assaySender;
}

export async function sendJob(name: string, data: object, options: PgBoss.SendOptions = {}): Promise<void> {
  const boss = await sender();
  if (!created.has(name)) {
    await boss.createQueue(name);
    created.add(name);
  }
  const requestId = currentContext()?.requestId;
  await boss.send(name, requestId ? { ...data, requestId } : data, options);
}

/** Jobs waiting to be worked (created or retrying) per job name. */
export async function queueDepths(names: readonly string[]): Promise<Map<string, number>> {
  const boss = await sender();
  return new Map(await Promise.all(names.map(async (name) => [name, (await boss.getQueueSize(name)) ?? 0] as const)));
}

export async function stopSender(): Promise<void> {
  const boss = await store.__assaySender?.catch(() => undefined);
  store.__assaySender = undefined;
  created.clear();
  await boss?.stop({ graceful: false, wait: true });
}
