import { env } from "@/lib/env";
import { AppError, RETRY_AFTER_S } from "@/lib/errors";
import { metrics } from "@/lib/ops/metrics";

// How many trace batches one instance writes at once. Each write keeps a database backend
// busy on a core for its whole transaction (the search vector, the indexes), so clients that
// ingest without pause would otherwise take every core from claims, submits and explorer
// pages, which are small but must answer in tens of milliseconds. Batches beyond the limit
// wait in arrival order; a batch that waits longer than the bound is answered 429 with
// Retry-After (never a 5xx: nothing failed, the instance is busy), and a client sending it
// again later loses nothing.

interface Waiter {
  admit: () => void;
  timer?: ReturnType<typeof setTimeout>;
}

export class WriteGate {
  private active = 0;
  private readonly queue: Waiter[] = [];

  constructor(readonly limit: number) {}

  /** Writes running now. */
  get inFlight(): number {
    return this.active;
  }

  /** Writes waiting for a turn. */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Runs `write` once fewer than `limit` writes are in flight, after every write that asked
   * before it; refuses with `ingestion_busy` if no turn comes within `maxWaitMs`.
   */
  async run<T>(write: () => Promise<T>, maxWaitMs: number): Promise<T> {
    await this.enter(maxWaitMs);
    try {
      return await write();
    } finally {
      this.leave();
    }
  }

  private enter(maxWaitMs: number): Promise<void> {
    if (this.active < this.limit && this.queue.length === 0) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { admit: resolve };
      if (Number.isFinite(maxWaitMs)) {
        waiter.timer = setTimeout(() => {
          this.queue.splice(this.queue.indexOf(waiter), 1);
          metrics().ingestBatchesRefused.inc();
          reject(new AppError("ingestion_busy", `This instance is busy writing other batches; send this one again in ${RETRY_AFTER_S.ingestion_busy} s`));
        }, maxWaitMs);
      }
      this.queue.push(waiter);
    });
  }

  // The slot passes straight to the first waiter, so a batch arriving now cannot overtake it.
  private leave(): void {
    const next = this.queue.shift();
    if (next) {
      clearTimeout(next.timer);
      next.admit();
    } else {
      this.active--;
    }
  }
}

const store = globalThis as unknown as { __assayTraceWrites?: WriteGate };

/** The instance's gate for trace batches (REST, OTLP and file imports share it). */
export function traceWrites(): WriteGate {
  store.__assayTraceWrites ??= new WriteGate(env().ASSAY_INGEST_CONCURRENCY);
  return store.__assayTraceWrites;
}

/** For tests that change the limit: the next batch builds the gate again from the environment. */
export function resetTraceWrites(): void {
  store.__assayTraceWrites = undefined;
}

/** How long a batch sent over HTTP may wait for its turn before it is refused. */
export const httpWaitMs = () => env().ASSAY_INGEST_MAX_WAIT_MS;
