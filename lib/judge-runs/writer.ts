import type { Sql } from "@/lib/db/transaction";
import { type TDoneEntry, type TRunRef, storeDoneMany } from "./store";

// Results are stored in groups: a lane hands its result over and goes on to its next call,
// and whatever results arrived while one group was being written go out together as the
// next (group commit). On a busy run a group holds several results; on a quiet one a result
// waits for nothing but the group before it. A lane waits only when more than `maxHeld`
// results are not yet written, so a slow database slows the calls rather than filling memory.
// A result not yet written when the worker dies is lost with its lease: the item is judged
// again by whoever resumes the run, which the judges issue allows ("may be repeated and billed").

const GROUP_LIMIT = 200;

export interface ResultWriter {
  /** Hands over one result; resolves when the lane may go on (at once, unless too many are held). */
  add(entry: TDoneEntry): Promise<void>;
  /** Resolves when every result handed over is written; rejects with the first write's failure. */
  drain(): Promise<void>;
}

export function resultWriter(sql: Sql, ref: TRunRef, maxHeld: number, onFailure: (error: unknown) => void): ResultWriter {
  let held: TDoneEntry[] = [];
  let writing: Promise<void> | null = null;
  let failure: unknown = null;

  async function writeAll(): Promise<void> {
    while (held.length && failure === null) {
      const group = held.slice(0, GROUP_LIMIT);
      held = held.slice(group.length);
      try {
        await storeDoneMany(sql, ref, group);
      } catch (error) {
        // The group's items keep their leases and are judged again after they lapse.
        failure = error;
        held = [];
        onFailure(error);
      }
    }
  }

  // A result handed over just as a group's loop ended is written by the next one.
  const start = (): Promise<void> =>
    (writing ??= writeAll().finally(() => {
      writing = null;
      if (held.length && failure === null) void start();
    }));

  return {
    async add(entry) {
      if (failure !== null) return;
      held.push(entry);
      const running = start();
      if (held.length > maxHeld) await running;
    },
    async drain() {
      while (writing) await writing;
      if (failure !== null) throw failure;
    },
  };
}
