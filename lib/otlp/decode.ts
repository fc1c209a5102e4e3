import { gunzipSync } from "node:zlib";
import { LIMITS } from "../traces/limits";
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

async function readCapped(req: Request, limit: number): Promise<Buffer> {
  if (!req.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new OtlpError(413, `The request may be at most ${limit} bytes`);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

export async function readOtlpBody(req: Request, limit: number = LIMITS.otlpBytes): Promise<Buffer> {
  const encoding = (req.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding !== "gzip" && encoding !== "identity") throw new OtlpError(415, "Content-Encoding may be gzip or none");
  const raw = await readCapped(req, limit);
  if (encoding === "identity" || raw.length === 0) return raw;
  try {
    return gunzipSync(raw, { maxOutputLength: limit });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError) {
      throw new OtlpError(413, `The request may be at most ${limit} bytes once decompressed`);
    }
    throw new OtlpError(400, "The body is not valid gzip");
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
