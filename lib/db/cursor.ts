// Keyset cursors, one codec for every paged list: base64url of a JSON array of the last
// row's sort keys, as strings. Opaque to clients; a list decodes and checks its own keys.

export function encodeCursor(keys: string[]): string {
  return Buffer.from(JSON.stringify(keys)).toString("base64url");
}

/** The keys of a cursor of `length` keys, or null when the text is not such a cursor. */
export function decodeCursor(cursor: string | undefined, length: number): string[] | null {
  if (!cursor) return null;
  try {
    const keys = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(keys) && keys.length === length && keys.every((k) => typeof k === "string")) return keys;
  } catch {
    // fall through: a cursor we did not make names nothing
  }
  return null;
}
