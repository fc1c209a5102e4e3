import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { type Database, isDatabaseUnavailable } from "@/lib/db/client";
import { AppError, RETRY_AFTER_S } from "@/lib/errors";
import { toProblem } from "@/lib/http/problem";
import { writePrepared } from "@/lib/traces/ingest";
import { httpWaitMs } from "@/lib/traces/write-gate";
import { type OtlpFormat, OtlpError, decodeOtlpBody, formatOf, readOtlpBody } from "./decode";
import { mapExportRequest } from "./map";
import { encodeProtobufResponse, encodeProtobufStatus } from "./proto";

// OTLP/HTTP trace export, answered as the specification says: 200 (with partialSuccess
// when some spans were refused) in the request's own encoding, 400 with a Status body for
// garbage, 413 over the cap after decompression, and 429 (instance busy writing) or 503
// (database unreachable) with Retry-After and a Status body, which exporters retry.

const INVALID_ARGUMENT = 3;
// google.rpc.Code UNAVAILABLE: the one an exporter retries (OTLP's retryable 429 and 503).
const UNAVAILABLE = 14;

function answer(format: OtlpFormat, status: number, body: { json: unknown; proto: () => Uint8Array }, headers: Record<string, string> = {}): Response {
  if (format === "protobuf") {
    return new Response(Buffer.from(body.proto()), { status, headers: { ...headers, "content-type": "application/x-protobuf" } });
  }
  return Response.json(body.json, { status, headers });
}

/** An error answer as OTLP/HTTP asks for one: a Status message in the request's own encoding. */
function statusAnswer(format: OtlpFormat, status: number, code: number, message: string, headers?: Record<string, string>): Response {
  return answer(format, status, { json: { code, message }, proto: () => encodeProtobufStatus(code, message) }, headers);
}

/**
 * The retryable refusals (this instance busy writing, the database unreachable) as the
 * exporter expects them: 429 or 503 with Retry-After and a Status body; null for other errors.
 */
function retryable(format: OtlpFormat, error: unknown): Response | null {
  const problem = error instanceof AppError || isDatabaseUnavailable(error) ? toProblem(error) : null;
  const retryAfter = problem ? RETRY_AFTER_S[problem.code as keyof typeof RETRY_AFTER_S] : undefined;
  if (!problem || retryAfter === undefined) return null;
  return statusAnswer(format, problem.status, UNAVAILABLE, problem.detail, { "retry-after": String(retryAfter) });
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
    if (error instanceof OtlpError) return statusAnswer(format, error.status, INVALID_ARGUMENT, error.message);
    const busy = retryable(format, error);
    if (busy) return busy;
    throw error;
  }
}
