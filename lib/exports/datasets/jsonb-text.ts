// Postgres writes a jsonb value as text with a space after every `,` and `:`, its keys sorted
// (shorter first), numbers as stored and strings escaped as JSON.stringify escapes them (the
// same seven short escapes, \u00xx below 0x20, everything else as it is). JSON.stringify of what
// JSON.parse reads from that text differs only in the spaces and in how numbers are written, and
// in key order when a key is an array index (JavaScript puts those first). So the compact text
// can be had by dropping the spaces and rewriting the numbers, without building the value: an
// export of a million items spends most of its time building and serializing values otherwise.
// Pure: no database here.

/** Whether the key between `from` and `to` is one JavaScript orders before the others: digits only (a superset of array indexes). */
function digitKey(text: string, from: number, to: number): boolean {
  if (from === to) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * `JSON.stringify(JSON.parse(text))` for the text of a jsonb value, or null when the shortcut
 * cannot promise the same text (a key of digits, a number beyond a double): parse those.
 */
export function compactJsonb(text: string): string | null {
  let out = "";
  let from = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      let j = i + 1;
      for (;;) {
        const d = text.charCodeAt(j);
        if (d === 92) j += 2;
        else if (d === 34) break;
        else if (j >= n) return null;
        else j++;
      }
      if (text.charCodeAt(j + 1) === 58 && digitKey(text, i + 1, j)) return null;
      i = j + 1;
    } else if (c === 44 || c === 58) {
      if (text.charCodeAt(i + 1) === 32) {
        out += text.slice(from, i + 1);
        from = i + 2;
        i += 2;
      } else i++;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      let j = i + 1;
      for (;;) {
        const d = text.charCodeAt(j);
        if ((d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45) j++;
        else break;
      }
      const number = Number(text.slice(i, j));
      if (!Number.isFinite(number)) return null;
      const written = String(number);
      if (written.length !== j - i || !text.startsWith(written, i)) {
        out += text.slice(from, i) + written;
        from = j;
      }
      i = j;
    } else i++;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** The compact JSON of a jsonb value's text (null: JSON null), by the shortcut when it can. */
export function jsonbAsJson(text: string | null): string {
  if (text === null) return "null";
  return compactJsonb(text) ?? JSON.stringify(JSON.parse(text));
}
