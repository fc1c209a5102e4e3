import PgBoss from "pg-boss";
import { env } from "@/lib/env";

// Sending a job from a request: a send-only pg-boss client per process (no workers, no
// maintenance), so any instance can enqueue whatever instance ends up doing the work.

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
    boss.on("error", (error) => console.error("[assay] job queue error", error));
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
  await boss.send(name, data, options);
}

export async function stopSender(): Promise<void> {
  const boss = await store.__assaySender?.catch(() => undefined);
  store.__assaySender = undefined;
  created.clear();
  await boss?.stop({ graceful: false, wait: true });
}
