import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { IMPORT_LIMITS } from "./schemas";

// Streaming readers over the uploaded bytes. Each yields one entry per line (JSONL) or row
// (CSV) with the absolute byte offset where the next one begins, which is what a checkpoint
// stores: resuming reads from that byte, never from the start of the file.

export interface LineEntry {
  /** 1-based line number in the file. */
  line: number;
  /** The line's text; null when it was longer than the limit (and was not kept). */
  text: string | null;
  /** Absolute byte offset just after this line. */
  end: number;
}

const NEWLINE = 0x0a;

/** Splits bytes into lines without holding more than one line (bounded by the limit) in memory. */
export async function* jsonlLines(
  source: AsyncIterable<Buffer>,
  start: { offset: number; line: number },
  maxLineBytes: number = IMPORT_LIMITS.lineBytes,
): AsyncGenerator<LineEntry> {
  const decoder = new TextDecoder("utf-8");
  let parts: Buffer[] = [];
  let held = 0;
  let overflow = false;
  let offset = start.offset;
  let line = start.line;
  const emit = (tail: Buffer, endOffset: number): LineEntry => {
    line++;
    const entry: LineEntry = { line, text: null, end: endOffset };
    if (!overflow) {
      let text = decoder.decode(parts.length ? Buffer.concat([...parts, tail]) : tail);
      if (text.endsWith("\r")) text = text.slice(0, -1);
      if (line === 1 && text.startsWith("\ufeff")) text = text.slice(1);
      entry.text = text;
    }
    parts = [];
    held = 0;
    overflow = false;
    return entry;
  };
  for await (const chunk of source) {
    let from = 0;
    while (from < chunk.length) {
      const at = chunk.indexOf(NEWLINE, from);
      if (at === -1) {
        const rest = chunk.subarray(from);
        held += rest.length;
        if (held > maxLineBytes) {
          overflow = true;
          parts = [];
        } else if (!overflow) parts.push(Buffer.from(rest));
        offset += rest.length;
        break;
      }
      const piece = chunk.subarray(from, at);
      offset += at + 1 - from;
      if (held + piece.length > maxLineBytes) overflow = true;
      yield emit(overflow ? Buffer.alloc(0) : piece, offset);
      from = at + 1;
    }
  }
  if (held > 0 || overflow) yield emit(Buffer.alloc(0), offset);
}

export interface CsvEntry {
  record: string[];
  /** Absolute byte offset just after this row. */
  end: number;
}

/**
 * CSV rows from a byte offset. A syntax error (an unclosed quote, say) throws with the row
 * it happened in: after it nothing in the file can be trusted to line up.
 */
export async function* csvRows(source: AsyncIterable<Buffer>, startOffset: number): AsyncGenerator<CsvEntry> {
  const parser = Readable.from(source).pipe(
    parse({
      info: true,
      bom: startOffset === 0,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: IMPORT_LIMITS.lineBytes,
    }),
  );
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { bytes: number } }>) {
    yield { record, end: startOffset + info.bytes };
  }
}
