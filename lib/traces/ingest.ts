import type pg from "pg";
import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { type Database, isDatabaseUnavailable } from "@/lib/db/client";
import { transaction } from "@/lib/db/transaction";
import { AppError, ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import { log } from "@/lib/ops/log";
import { metrics } from "@/lib/ops/metrics";
import { LIMITS } from "./limits";
import { type PreparedTrace, type Rejection, foldById, isRejection, prepareInSteps } from "./prepare";
import type { TItemResult } from "./schemas";
import { type Existing, changedContent, deriveContent, insertSpans, insertTraces, lockExisting, updateTraces, upsertSpans } from "./write";
import { httpWaitMs, traceWrites } from "./write-gate";

// Batch ingestion: validate every item on its own, write the valid ones together, answer
// one result per item. See write.ts for the transaction strategy.

export interface BatchOutcome {
  results: TItemResult[];
  accepted: number;
  rejected: number;
}

const statusOf = (code: string) => ERROR_STATUS[code as ErrorCode] ?? 422;

function rejected(r: Rejection): TItemResult {
  return { index: r.index, status: "rejected", ...(r.id ? { id: r.id } : {}), code: r.code, httpStatus: statusOf(r.code), message: r.message };
}

/**
 * Writes folded items (one per external id) in the caller's transaction; returns the ids
 * refused as locked. Most traces in a batch are new, so they are inserted first (the unique
 * index decides, and a new trace cannot be frozen); only the ones already stored are then
 * locked, checked and merged. Inserts and locks both go in external-id order, so concurrent
 * batches sharing ids wait for each other instead of deadlocking.
 */
async function writeFolded(client: pg.ClientBase, projectId: string, folded: PreparedTrace[]): Promise<Set<string>> {
  const inserted = new Map<string, string>();
  const existing = new Map<string, Existing>();
  let pending = folded;
  // A trace deleted between the insert and the lock is inserted on the next round.
  for (let round = 0; pending.length && round < 3; round++) {
    for (const [id, traceId] of await insertTraces(client, projectId, pending)) inserted.set(id, traceId);
    const stored = pending.map((f) => f.trace.external_id).filter((id) => !inserted.has(id));
    for (const [id, row] of await lockExisting(client, projectId, stored.sort())) existing.set(id, row);
    pending = pending.filter((f) => !inserted.has(f.trace.external_id) && !existing.has(f.trace.external_id));
  }
  if (pending.length) throw new Error("traces kept vanishing while they were written");
  const frozen = (f: PreparedTrace) => existing.get(f.trace.external_id)?.frozen === true;
  const old = folded.filter((f) => existing.has(f.trace.external_id));
  const locked = await changedContent(
    client,
    projectId,
    old.filter((f) => frozen(f) && f.givesContent && f.trace.content === "replace"),
  );
  const toUpdate = old
    .filter((f) => !locked.has(f.trace.external_id))
    // Content derived from spans (OTLP) never changes what was rated; the spans still land.
    .map((f) => (frozen(f) && f.derived ? { ...f, trace: { ...f.trace, content: "none" as const } } : f));
  const updated = await updateTraces(client, projectId, toUpdate);
  const fresh = folded.filter((f) => inserted.has(f.trace.external_id));
  await insertSpans(client, projectId, fresh, inserted);
  await upsertSpans(client, projectId, toUpdate, updated);
  const derived = [...fresh, ...toUpdate].filter((f) => f.derived && f.trace.content !== "none");
  await deriveContent(
    client,
    projectId,
    derived.map((f) => (inserted.get(f.trace.external_id) ?? updated.get(f.trace.external_id))!),
  );
  return locked;
}

// Only a refusal that depends on the moment (a deadlock, a serialization failure, resources
// or a lock timeout: SQLSTATE classes 40, 53, 55, 57) is worth retrying; a value the database
// cannot hold is refused again.
const isTransient = (error: unknown) => /^(40|53|55|57)/.test(String((error as { code?: unknown }).code ?? ""));

/**
 * The batch in one transaction; if the database refuses it, each item in its own, so one bad
 * item costs only itself. Fills the ids refused as locked and the ids that failed (transient or not).
 */
async function writeAll(pool: pg.Pool, projectId: string, folded: PreparedTrace[], lockedIds: Set<string>, failedIds: Map<string, boolean>): Promise<void> {
  try {
    for (const id of await transaction(pool, (c) => writeFolded(c, projectId, folded))) lockedIds.add(id);
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw error;
    for (const item of folded) {
      try {
        for (const id of await transaction(pool, (c) => writeFolded(c, projectId, [item]))) lockedIds.add(id);
      } catch (inner) {
        if (isDatabaseUnavailable(inner)) throw inner;
        log().error({ err: inner }, "trace item refused by the database");
        failedIds.set(item.trace.external_id, isTransient(inner));
      }
    }
  }
}

/**
 * Writes already-prepared items (REST, OTLP and import share this) and answers per item. The
 * write takes a turn at the instance's gate, waiting at most `maxWaitMs` for it.
 */
export async function writePrepared(pool: pg.Pool, projectId: string, prepared: (PreparedTrace | Rejection)[], maxWaitMs: number): Promise<BatchOutcome> {
  const results: TItemResult[] = new Array(prepared.length);
  const valid: PreparedTrace[] = [];
  for (const p of prepared) {
    if (isRejection(p)) results[p.index] = rejected(p);
    else valid.push(p);
  }
  const { folded, members } = foldById(valid);
  const warningsOf = new Map(valid.map((v) => [v.index, v.warnings]));
  const lockedIds = new Set<string>();
  const failedIds = new Map<string, boolean>();
  if (folded.length) await traceWrites().run(() => writeAll(pool, projectId, folded, lockedIds, failedIds), maxWaitMs);
  for (const [id, indexes] of members) {
    for (const index of indexes) {
      if (lockedIds.has(id)) {
        results[index] = rejected({
          index,
          id,
          code: "trace_locked",
          message:
            "The trace has been queued or labelled: its input and output can no longer change. Send the item without them to add metadata, tags or spans.",
        });
      } else if (failedIds.has(id)) {
        const message = failedIds.get(id)
          ? "The item could not be stored for now; it is safe to retry"
          : "The database refused the item; sending it again unchanged will fail the same way";
        results[index] = rejected({ index, id, code: "internal_error", message });
      } else {
        const warnings = warningsOf.get(index) ?? [];
        results[index] = { index, status: "accepted", id, ...(warnings.length ? { warnings } : {}) };
      }
    }
  }
  const accepted = results.filter((r) => r.status === "accepted").length;
  metrics().tracesIngested.inc(accepted);
  return { results, accepted, rejected: results.length - accepted };
}

/** `POST /api/v1/traces`: one result per item; a valid item is never dropped for a neighbour's fault. */
export async function ingestTraceBatch({ sql }: Database, ctx: ProjectContext, items: unknown[]): Promise<BatchOutcome> {
  return ingestTraces(sql, ctx, items, httpWaitMs());
}

/** The same, on a pool of its own choosing: the import job writes its batches through it, waiting as long as it takes. */
export async function ingestTraces(pool: pg.Pool, ctx: ProjectContext, items: unknown[], maxWaitMs = Infinity): Promise<BatchOutcome> {
  assertCan(ctx, "traces:write");
  if (items.length > LIMITS.batchItems) {
    throw new AppError("batch_too_large", `A batch may hold at most ${LIMITS.batchItems} traces; this one holds ${items.length}`);
  }
  return writePrepared(pool, ctx.project.id, await prepareInSteps(items, new Date()), maxWaitMs);
}
