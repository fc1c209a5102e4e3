import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { writePrepared } from "@/lib/traces/ingest";
import { httpWaitMs } from "@/lib/traces/write-gate";
import { type OtlpFormat, OtlpError, decodeOtlpBody, formatOf, readOtlpBody } from "./decode";
import { mapExportRequest } from "./map";
import { encodeProtobufResponse, encodeProtobufStatus } from "./proto";
import type { Database } from "@/lib/db/client";

// OTLP/HTTP trace export, answered as the specification says: 200 (with partialSuccess
// when some spans were refused) in the request's own encoding, 400 with a Status body for
// garbage, 413 over the cap after decompression. Nothing here answers a retryable status
// on purpose except through the request wrapper (503 when the database is unreachable).

const INVALID_ARGUMENT = 3;

function answer(format: OtlpFormat, status: number, body: { json: unknown; proto: () => Uint8Array }): Response {
  if (format === "protobuf") {
    return new Response(Buffer.from(body.proto()), { status, headers: { "content-type": "application/x-protobuf" } });
  }
  return Response.json(body.json, { status });
}

// A request of thousands of bad spans answers a readable message, not thousands of reasons.
const REASONS_SHOWN = 5;
function refusals(reasons: string[]): string {
  const shown = reasons.slice(0, REASONS_SHOWN).join("; ");
  const more = reasons.length > REASONS_SHOWN ? `; and ${reasons.length - REASONS_SHOWN} more` : "";
  return `${reasons.length} span(s) rejected: ${shown}${more}`;
}

export async function exportTraces({ sql: pool }: Database, ctx: ProjectContext, req: Request): Promise<Response> {
  assertCan(ctx, "traces:write");
  let format: OtlpFormat = "json";
  try {
    format = formatOf(req.headers.get("content-type"));
    const request = decodeOtlpBody(await readOtlpBody(req), format);
    const mapped = mapExportRequest(request);
    let rejectedSpans = mapped.rejectedSpans;
    const notes: string[] = [];
    if (mapped.rejectedSpans) notes.push(refusals(mapped.reasons));
    if (mapped.items.length) {
      const outcome = await writePrepared(pool, ctx.project.id, mapped.items, httpWaitMs());
      for (const r of outcome.results) {
        if (r.status === "rejected") {
          rejectedSpans += mapped.items[r.index].spans.length;
          notes.push(`trace ${r.id}: ${r.message}`);
        }
      }
    }
    if (mapped.textReplaced) notes.push("NUL characters or lone surrogates were replaced with U+FFFD");
    const errorMessage = notes.join("; ");
    const partial = rejectedSpans || errorMessage ? { partialSuccess: { rejectedSpans: String(rejectedSpans), errorMessage } } : {};
    return answer(format, 200, { json: partial, proto: () => encodeProtobufResponse(rejectedSpans, errorMessage) });
  } catch (error) {
    if (!(error instanceof OtlpError)) throw error;
    return answer(format, error.status, {
      json: { code: INVALID_ARGUMENT, message: error.message },
      proto: () => encodeProtobufStatus(INVALID_ARGUMENT, error.message),
    });
  }
}
