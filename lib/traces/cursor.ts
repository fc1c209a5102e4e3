import { decodeCursor, encodeCursor } from "@/lib/db/cursor";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";

// The explorer's cursor: the (start_time, id) of the last row shown. The list is ordered by
// start_time descending, then id ascending, which is the order of the index
// traces(project_id, start_time DESC, id), so the next page starts where that index scan left
// off, however deep, without OFFSET.

export interface TraceCursor {
  startTime: Date;
  id: string;
}

export function encodeTraceCursor(cursor: TraceCursor): string {
  return encodeCursor([cursor.startTime.toISOString(), cursor.id]);
}

export function decodeTraceCursor(raw: string): TraceCursor {
  const invalid = () => new AppError("validation_failed", "The cursor is not valid", [{ path: "cursor", message: "Not a cursor this server made" }]);
  const keys = decodeCursor(raw, 2);
  if (!keys) throw invalid();
  const startTime = new Date(keys[0]);
  if (Number.isNaN(startTime.getTime()) || !isUuid(keys[1])) throw invalid();
  return { startTime, id: keys[1].toLowerCase() };
}
