import { AppError } from "@/lib/errors";

// The one way a request body is read: every route's JSON, import pieces, OTLP. The cap holds
// while the body streams in, whatever Content-Length says (or whether it is sent at all), so
// a chunked gigabyte is refused after `limit` bytes instead of being held in memory first.
// A gzip body is capped on both sides of decompression: a small bomb stops at `limit` too.

const tooLarge = (what: string, limit: number, after = "") => new AppError("payload_too_large", `${what} may be at most ${limit} bytes${after}`);

function capped(limit: number, error: () => AppError): TransformStream<Uint8Array, Uint8Array> {
  let size = 0;
  return new TransformStream({
    transform(chunk, controller) {
      size += chunk.byteLength;
      if (size > limit) controller.error(error());
      else controller.enqueue(chunk);
    },
  });
}

/** Reads a request body, refusing it as soon as it passes `limit` bytes (after decompression). */
export async function readBody(req: Request, limit: number, what = "The body"): Promise<Buffer> {
  const encoding = (req.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding !== "gzip" && encoding !== "identity") throw new AppError("unsupported_media_type", "Content-Encoding may be gzip or none");
  if (Number(req.headers.get("content-length") ?? "0") > limit) throw tooLarge(what, limit);
  if (!req.body) return Buffer.alloc(0);
  let stream = req.body.pipeThrough(capped(limit, () => tooLarge(what, limit)));
  if (encoding === "gzip") {
    const gunzip = new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>;
    stream = stream.pipeThrough(gunzip).pipeThrough(capped(limit, () => tooLarge(what, limit, " once decompressed")));
  }
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
    }
  } catch (error) {
    // An erroring pipe cancels its source, so the rest of the body is never pulled.
    await reader.cancel().catch(() => {});
    if (error instanceof AppError) throw error;
    throw new AppError("bad_request", encoding === "gzip" ? "The body is not valid gzip" : "The body could not be read");
  }
  return Buffer.concat(parts);
}

/** A binary body (an import's pieces), as application/octet-stream. */
export async function readRawBody(req: Request, limit: number): Promise<Buffer> {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (!type.startsWith("application/octet-stream")) throw new AppError("unsupported_media_type", "Send the piece as application/octet-stream");
  return readBody(req, limit, "A piece");
}
