import { AppError } from "../errors";

// A keyset cursor: the (start_time, id) of the last row shown. The list is ordered by
// start_time descending, then id ascending, which is the order of the index
// traces(project_id, start_time DESC, id), so the next page starts where that index scan left
// off, however deep, without OFFSET.

export interface TraceCursor {
  startTime: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(cursor: TraceCursor): string {
  return Buffer.from(JSON.stringify([cursor.startTime.toISOString(), cursor.id])).toString("base64url");
}

export function decodeCursor(raw: string): TraceCursor {
  const invalid = () => new AppError("validation_failed", "The cursor is not valid", [{ path: "cursor", message: "Not a cursor this server made" }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== "string" || typeof parsed[1] !== "string") throw invalid();
  const startTime = new Date(parsed[0]);
  if (Number.isNaN(startTime.getTime()) || !UUID.test(parsed[1])) throw invalid();
  return { startTime, id: parsed[1].toLowerCase() };
}
