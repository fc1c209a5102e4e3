import type { ProjectContext } from "../auth/context";
import { assertCan } from "../auth/scopes";
import { notFound } from "../errors";
import { allAnnotations } from "./annotations";
import { toCsv, toJsonl } from "./export";
import type { TExportQuery } from "./schemas";
import type { Sql } from "../db/transaction";

/** The labels of a queue as a streamed CSV or JSONL download, page by page from the database. */
export async function labelsDownload(sql: Sql, ctx: ProjectContext, query: TExportQuery): Promise<Response> {
  assertCan(ctx, "queues:read");
  assertCan(ctx, "exports:run");
  const found = await sql.query(`SELECT name FROM queues WHERE project_id = $1 AND id = $2`, [ctx.project.id, query.queue]);
  if (!found.rows[0]) throw notFound("Queue");
  const pages = allAnnotations(sql, ctx, query.queue, query.current === "true");
  const encoder = new TextEncoder();
  let first = true;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await pages.next();
      if (next.done) {
        if (first && query.format === "csv") controller.enqueue(encoder.encode(toCsv([], true)));
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(query.format === "csv" ? toCsv(next.value, first) : toJsonl(next.value)));
      first = false;
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
  const type = query.format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson";
  // The file name is made of the queue's id only: nothing a user typed reaches the header.
  return new Response(body, {
    headers: { "content-type": type, "content-disposition": `attachment; filename="labels-${query.queue}.${query.format}"`, "cache-control": "no-store" },
  });
}
