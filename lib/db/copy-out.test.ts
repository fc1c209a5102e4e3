import { describe, expect, it } from "vitest";
import { BinaryRows } from "./copy-out";

// PostgreSQL's binary COPY format, as its documentation ("COPY", "Binary Format") lays it out:
// an 11-byte signature, 32-bit flags, a header extension's length and bytes, then each row as
// a 16-bit field count and each field as a 32-bit length (-1: NULL) and its bytes, and -1 last.

function field(value: string | null): Buffer {
  if (value === null) return Buffer.from([0xff, 0xff, 0xff, 0xff]);
  const bytes = Buffer.from(value, "utf8");
  const length = Buffer.alloc(4);
  length.writeInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

function stream(rows: (string | null)[][], extension = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(0, 0);
  header.writeUInt32BE(extension.length, 4);
  const parts: Buffer[] = [Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"), header, extension];
  for (const row of rows) {
    const count = Buffer.alloc(2);
    count.writeInt16BE(row.length);
    parts.push(count, ...row.map(field));
  }
  parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

/** Fields as text, as the server's bytes decode. */
const text = (rows: (Buffer | null)[][]) => rows.map((row) => row.map((field) => (field === null ? null : field.toString("utf8"))));

const ROWS: (string | null)[][] = [
  ["7f0c", '{"input":"Grüße, 東京 🙂"}', null],
  ["", "\\ \t \n", "x".repeat(70_000)],
  [null, null, "last"],
];

describe("binary COPY rows", () => {
  it("reads rows, NULLs and UTF-8 text the server sent in one piece", () => {
    const reader = new BinaryRows();
    expect(text(reader.push(stream(ROWS, Buffer.from("ext"))))).toEqual(ROWS);
    expect(reader.ended).toBe(true);
  });

  it("reads the same rows when every byte arrives on its own, splitting characters, lengths and the header", () => {
    const reader = new BinaryRows();
    const bytes = stream(ROWS);
    const rows: (Buffer | null)[][] = [];
    for (let i = 0; i < bytes.length; i++) rows.push(...reader.push(bytes.subarray(i, i + 1)));
    expect(text(rows)).toEqual(ROWS);
    expect(reader.ended).toBe(true);
  });

  it("hands each field over as the server's exact bytes, a character split between chunks included", () => {
    const reader = new BinaryRows();
    const bytes = stream(ROWS);
    // Cut inside "🙂" (four bytes): the field spans two chunks and is joined, byte for byte.
    const cut = bytes.indexOf(Buffer.from("🙂", "utf8")) + 2;
    const rows = [...reader.push(bytes.subarray(0, cut)), ...reader.push(bytes.subarray(cut))];
    expect(rows.map((row) => row.map((field) => (field === null ? null : Buffer.from(field))))).toEqual(
      ROWS.map((row) => row.map((value) => (value === null ? null : Buffer.from(value, "utf8")))),
    );
  });

  it("knows a stream cut before its trailer, and refuses one that is not binary COPY", () => {
    const reader = new BinaryRows();
    const bytes = stream(ROWS);
    expect(text(reader.push(bytes.subarray(0, bytes.length - 2)))).toEqual(ROWS);
    expect(reader.ended).toBe(false);
    expect(() => new BinaryRows().push(Buffer.from("id\tname\n1\tone\n".repeat(2)))).toThrow(/binary COPY/);
  });
});
