import pg from "pg";
import { type Database, prismaOn } from "./client";
import { transaction } from "./transaction";

// Work made of several services that must land whole or not at all (the demo seed: a project,
// then labels, scores and gold written through the services the app uses). Each service opens
// its own transactions, through `transaction` or `prismaTransaction`; here they all run on one
// connection inside one outer transaction, and each of theirs becomes a savepoint: a service
// that rolls its own work back (a refused item, a retried deadlock) rolls back to its
// savepoint, and a failure that escapes rolls back everything.

// A BEGIN's options (an isolation level, READ ONLY) cannot apply inside the outer
// transaction: its savepoint sees the outer transaction's snapshot.
const CONTROL = /^\s*(BEGIN(?:\s+[\w\s,]*)?|COMMIT|ROLLBACK)\s*;?\s*$/i;

/** A pool of one connection, already in a transaction: what a service's own transaction opens there is a savepoint. */
class OneConnection extends pg.Pool {
  private depth = 0;

  constructor(private readonly client: pg.ClientBase) {
    super({ max: 1 });
  }

  /** A service's BEGIN, COMMIT or ROLLBACK as the savepoint statement it stands for; other statements as they are. */
  private nested(text: string): string {
    const control = CONTROL.exec(text)?.[1].split(/\s/)[0].toUpperCase();
    if (control === "BEGIN") return `SAVEPOINT nested_${++this.depth}`;
    if (control === "COMMIT") return `RELEASE SAVEPOINT nested_${this.depth--}`;
    if (control === "ROLLBACK") return `ROLLBACK TO SAVEPOINT nested_${this.depth--}`;
    return text;
  }

  private send(args: unknown[]) {
    const [first, ...rest] = args;
    // A submittable (a COPY stream) is an object with its own methods: it goes as it is.
    const query =
      typeof first === "string"
        ? this.nested(first)
        : first && typeof first === "object" && "text" in first && !("submit" in first)
          ? { ...first, text: this.nested(String(first.text)) }
          : first;
    return (this.client.query as (...a: unknown[]) => unknown)(query, ...rest);
  }

  override query = ((...args: unknown[]) => this.send(args)) as pg.Pool["query"];

  override connect = (async () => {
    const client = this.client;
    const lease = {
      query: (...args: unknown[]) => this.send(args),
      // The connection stays with the outer transaction.
      release: () => {},
      on: (event: string, listener: (...a: unknown[]) => void) => (client.on(event as "error", listener), lease),
      removeListener: (event: string, listener: (...a: unknown[]) => void) => (client.removeListener(event as "error", listener), lease),
    };
    return lease as unknown as pg.PoolClient;
  }) as unknown as pg.Pool["connect"];

  override end = (async () => {}) as pg.Pool["end"];
}

/**
 * Runs `fn` with a database handle whose Prisma client and SQL pool are one connection in one
 * transaction: everything the services called with it write commits together or not at all.
 */
export async function inOneTransaction<T>(sql: pg.Pool, fn: (handle: Database) => Promise<T>): Promise<T> {
  return transaction(sql, async (client) => {
    const one = new OneConnection(client);
    const prisma = prismaOn(one);
    try {
      return await fn({ prisma, sql: one });
    } finally {
      await prisma.$disconnect();
    }
  });
}
