import { AppError } from "../errors";

/** Reads a binary request body, refusing it as soon as it passes `limit` bytes (declared or not). */
export async function readRawBody(req: Request, limit: number): Promise<Buffer> {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (!type.startsWith("application/octet-stream")) throw new AppError("unsupported_media_type", "Send the piece as application/octet-stream");
  if (Number(req.headers.get("content-length") ?? "0") > limit) throw new AppError("payload_too_large", `A piece may be at most ${limit} bytes`);
  if (!req.body) return Buffer.alloc(0);
  const parts: Buffer[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new AppError("payload_too_large", `A piece may be at most ${limit} bytes`);
    }
    parts.push(Buffer.from(value));
  }
  return Buffer.concat(parts);
}
