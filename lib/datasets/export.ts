import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { recordAudit } from "@/lib/audit/service";
import type { Database } from "@/lib/db/client";
import { prismaTransaction } from "@/lib/db/transaction";
import { type TExportContext, type TLineFormat, LINE_FORMATS } from "@/lib/exports/datasets";
import { assayJsonl } from "@/lib/exports/datasets/assay-jsonl";
import { UNSPLIT, hfZip } from "@/lib/exports/datasets/hf";
import type { TItemContent } from "./content";
import type { TExportQuery, TVersion } from "./schemas";
import { type TDatasetHead, findDatasetHead } from "./service";
import { contentOf, resolveVersion, versionCanonicalPagesSql, versionPagesSql } from "./versions";

// Exporting a published version: streamed in portable id order on a connection of its own (a
// COPY for Assay JSONL, a cursor for the formats that parse every item) at the client's pace,
// so a million items use the memory of one batch; the encoders are pure (lib/exports).

interface CriterionText {
  rubricVersionId: string;
  key: string;
  question: string;
  guidance: string;
  rubric: string;
}

async function exportContext(db: Database, projectId: string, dataset: TDatasetHead, version: TVersion): Promise<TExportContext> {
  const rubricVersionIds = ((version.sources.rubricVersions as string[] | undefined) ?? []).filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const criteria = await db.prisma.$queryRawUnsafe<CriterionText[]>(
    `SELECT c.rubric_version_id AS "rubricVersionId", c.key, c.question, c.guidance, r.name || ' v' || coalesce(v.version::text, 'draft') AS rubric
       FROM criteria c JOIN rubric_versions v ON v.project_id = c.project_id AND v.id = c.rubric_version_id
       JOIN rubrics r ON r.project_id = v.project_id AND r.id = v.rubric_id
      WHERE c.project_id = $1::uuid AND c.rubric_version_id = ANY($2::uuid[])`,
    projectId,
    rubricVersionIds,
  );
  const byKey = new Map(criteria.map((c) => [`${c.rubricVersionId}/${c.key}`, c]));
  return {
    dataset: { name: dataset.name, description: dataset.description || null, inputSchema: dataset.inputSchema, expectedSchema: dataset.expectedSchema },
    version: { number: version.number, checksum: version.checksum, note: version.note || null, redacted: version.redacted },
    provenance: {
      rubricVersions: [...new Set(criteria.map((c) => c.rubric))].sort(),
      agreement: [],
      experts: Number(version.sources.raters ?? 0),
      adjudicated: Number(version.sources.adjudicatedItems ?? 0),
    },
    criterionText: (item: TItemContent) => {
      const texts = (item.lineage?.labels ?? [])
        .map((l) => byKey.get(`${l.rubricVersionId}/${l.criterionKey}`))
        .filter((c): c is CriterionText => c !== undefined)
        .map((c) => [c.question, c.guidance].filter(Boolean).join("\n"));
      return texts.length ? [...new Set(texts)].join("\n\n") : null;
    },
  };
}

async function* contents(db: Database, projectId: string, versionId: string, split: string | null, unsplit = false): AsyncGenerator<TItemContent> {
  for await (const page of versionPagesSql(db.sql, projectId, versionId, split, unsplit)) for (const row of page) yield contentOf(row);
}

function stream(chunks: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

/** A format's pieces for the items, null where it leaves an item out. */
async function* pieces(format: TLineFormat, ctx: TExportContext, items: AsyncGenerator<TItemContent>): AsyncGenerator<string | null> {
  let written = 0;
  for await (const item of items) {
    const piece = format.item(item, ctx, written);
    if (piece !== null) written++;
    yield piece;
  }
}

const NEWLINE = Buffer.from("\n");
// Pieces of a quarter of a megabyte: each chunk costs the response stream and the socket a
// round of work whatever its size, and a million lines are several hundred megabytes.
const PIECE_SIZE = 256 * 1024; // bytes, or characters of text before it is encoded

/**
 * Assay JSONL: each item's canonical text, as its revision keeps it, a line each. The bytes go
 * from the database to the response as they are: no text is decoded or encoded on the way.
 */
async function* assayChunks(
  db: Database,
  ctx: TExportContext,
  projectId: string,
  version: { id: string; datasetId: string },
  split: string | null,
): AsyncGenerator<Uint8Array> {
  let parts: Buffer[] = [Buffer.from(assayJsonl.begin(ctx), "utf8")];
  let size = parts[0].length;
  let written = 0;
  for await (const page of versionCanonicalPagesSql(db.sql, projectId, version, split)) {
    for (const text of page) parts.push(text, NEWLINE);
    size += page.reduce((sum, text) => sum + text.length + 1, 0);
    written += page.length;
    if (size >= PIECE_SIZE) {
      yield Buffer.concat(parts, size);
      parts = [];
      size = 0;
    }
  }
  const end = Buffer.from(assayJsonl.end(ctx, written), "utf8");
  if (size + end.length) yield Buffer.concat([...parts, end], size + end.length);
}

async function* lines(format: TLineFormat, ctx: TExportContext, items: AsyncGenerator<string | null>): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let written = 0;
  const begin = format.begin(ctx);
  if (begin) yield encoder.encode(begin);
  let buffer = "";
  for await (const piece of items) {
    if (piece === null) continue;
    written++;
    buffer += piece;
    if (buffer.length >= PIECE_SIZE) {
      yield encoder.encode(buffer);
      buffer = "";
    }
  }
  buffer += format.end(ctx, written);
  if (buffer) yield encoder.encode(buffer);
}

/** Splits of a version, for the Hugging Face export: its own, plus `unsplit` for items in none (`train` when it has none at all). */
async function hfSplits(db: Database, projectId: string, version: TVersion) {
  const names = Object.keys(version.splitCounts).sort();
  const inSplits = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM dataset_version_items vi JOIN dataset_item_revisions r ON r.project_id = vi.project_id AND r.id = vi.revision_id
      WHERE vi.project_id = $1::uuid AND vi.version_id = $2::uuid AND cardinality(r.splits) = 0`,
    projectId,
    version.id,
  );
  const unsplit = inSplits[0].n > 0 ? [{ name: names.length ? UNSPLIT : "train", items: () => contents(db, projectId, version.id, null, true) }] : [];
  return [...names.map((name) => ({ name, items: () => contents(db, projectId, version.id, name) })), ...unsplit];
}

export async function exportVersion(db: Database, ctx: ProjectContext, datasetId: string, ref: number | string, query: TExportQuery): Promise<Response> {
  assertCan(ctx, "datasets:read");
  assertCan(ctx, "exports:run");
  const dataset = await findDatasetHead(db.prisma, ctx.project.id, datasetId);
  const version = await resolveVersion(db.prisma, ctx.project.id, datasetId, ref);
  const exportCtx = await exportContext(db, ctx.project.id, dataset, version);
  await prismaTransaction(db.prisma, (tx) =>
    recordAudit(tx, ctx.actor, {
      projectId: ctx.project.id,
      action: "dataset.export",
      targetType: "dataset",
      targetId: datasetId,
      details: { version: version.number, format: query.format, split: query.split ?? null },
    }),
  );
  // Dataset and split names are ASCII words (their schemas say so); anything else in a name
  // becomes "-", so the header carries only letters, digits, dots, dashes and underscores.
  const base = `${dataset.name.replace(/[^\w.-]+/g, "-")}-v${version.number}${query.split ? `-${query.split}` : ""}`;
  const headers = { "cache-control": "no-store", "x-assay-checksum": version.checksum, ...(version.redacted ? { "x-assay-redacted": "true" } : {}) };
  if (query.format === "hf") {
    const splits = query.split
      ? [{ name: query.split, items: () => contents(db, ctx.project.id, version.id, query.split as string) }]
      : await hfSplits(db, ctx.project.id, version);
    return new Response(stream(hfZip(exportCtx, splits)), {
      headers: { ...headers, "content-type": "application/zip", "content-disposition": `attachment; filename="${base}-hf.zip"` },
    });
  }
  const format = LINE_FORMATS[query.format];
  const split = query.split ?? null;
  // Assay JSONL writes the canonical text each revision keeps: the same bytes as its encoder, without parsing and serializing every value.
  const body = stream(
    format === assayJsonl
      ? assayChunks(db, exportCtx, ctx.project.id, { id: version.id, datasetId }, split)
      : lines(format, exportCtx, pieces(format, exportCtx, contents(db, ctx.project.id, version.id, split))),
  );
  return new Response(body, {
    headers: { ...headers, "content-type": format.contentType, "content-disposition": `attachment; filename="${base}.${format.extension}"` },
  });
}
