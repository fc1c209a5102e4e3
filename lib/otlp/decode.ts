import { AppError } from "@/lib/errors";
import { readBody } from "@/lib/http/raw-body";
import { LIMITS } from "@/lib/traces/limits";
import { decodeProtobufRequest } from "./proto";

// Reading an OTLP/HTTP body: the size cap applies after decompression (a 10 KB gzip bomb
// must not become a gigabyte in memory), then protobuf or JSON is decoded.

export type OtlpFormat = "protobuf" | "json";

export class OtlpError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = "OtlpError";
  }
}

export function formatOf(contentType: string | null): OtlpFormat {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/x-protobuf" || type === "application/protobuf") return "protobuf";
  if (type === "application/json") return "json";
  throw new OtlpError(415, "Send application/x-protobuf or application/json");
}

export async function readOtlpBody(req: Request, limit: number = LIMITS.otlpBytes): Promise<Buffer> {
  try {
    return await readBody(req, limit, "The request");
  } catch (error) {
    // OTLP answers in its own shape, so the reader's typed errors become OTLP ones.
    if (!(error instanceof AppError)) throw error;
    throw new OtlpError(error.status === 413 ? 413 : error.status === 415 ? 415 : 400, error.message);
  }
}

/** The request in OTLP/JSON shape, whichever encoding it came in. */
export function decodeOtlpBody(body: Buffer, format: OtlpFormat): unknown {
  if (body.length === 0) return {};
  if (format === "protobuf") {
    try {
      return decodeProtobufRequest(body);
    } catch {
      throw new OtlpError(400, "The body is not a valid ExportTraceServiceRequest");
    }
  }
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new OtlpError(400, "The body is not valid JSON");
  }
}
