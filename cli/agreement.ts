import { createReadStream } from "node:fs";
import { CsvError, parse } from "csv-parse";
import { AgreementInputError, type DeclaredScale, LEVELS, type Level, MIN_RESAMPLES, type Rating, agreementSummary, tabulate } from "@/lib/agreement";
import { Fatal } from "./common";

// `assay agreement FILE.csv`: the agreement figures of one criterion from a file of
// item,rater,value rows, computed locally by the same module as the app's report.

export interface AgreementFlags {
  level: string;
  scale?: string;
  seed: string;
  resamples: string;
  minimum: string;
}

const isNumber = (text: string) => text.trim() !== "" && Number.isFinite(Number(text));

/** The declared scale, and how a cell's text becomes one of its values (or why it cannot). */
function declare(level: Level, scaleFlag: string | undefined) {
  const entries = scaleFlag?.split(",").map((s) => s.trim());
  if (entries && (entries.some((e) => e === "") || new Set(entries).size !== entries.length))
    throw new Fatal("--scale lists each value once, separated by commas");
  const numeric = entries ? entries.every(isNumber) : level !== "nominal";
  if (!numeric && (level === "interval" || level === "ratio")) throw new Fatal(`--scale for ${level} data lists numbers`);
  const values = entries && numeric ? entries.map(Number) : entries;
  const toValue = (text: string): string | number => {
    if (!numeric) return text;
    if (!isNumber(text))
      throw new Error(entries ? `"${text}" is not on the scale ${entries.join(",")}` : `"${text}" is not a number (name the levels in order with --scale)`);
    return Number(text);
  };
  return { values, toValue };
}

async function readRatings(file: string, toValue: (text: string) => string | number): Promise<{ ratings: Rating[]; lines: number[] }> {
  const ratings: Rating[] = [];
  const lines: number[] = [];
  let columns: { item: number; rater: number; value: number } | undefined;
  const source = createReadStream(file);
  const parser = source.pipe(parse({ bom: true, skip_empty_lines: true, info: true }));
  // pipe() does not pass on a read error (no such file): hand it to the loop below.
  source.on("error", (error) => parser.destroy(error));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!columns) {
        const header = record.map((h) => h.trim().toLowerCase());
        const [item, rater, value] = ["item", "rater", "value"].map((name) => header.indexOf(name));
        if (item < 0 || rater < 0 || value < 0) throw new Fatal(`line ${info.lines}: the header must name the columns item, rater and value`);
        columns = { item, rater, value };
        continue;
      }
      const [item, rater, text] = [record[columns.item].trim(), record[columns.rater].trim(), record[columns.value].trim()];
      if (item === "" || rater === "") throw new Fatal(`line ${info.lines}: item and rater cannot be empty`);
      try {
        ratings.push({ item, rater, value: text === "" ? null : toValue(text) });
      } catch (error) {
        throw new Fatal(`line ${info.lines}: ${(error as Error).message}`);
      }
      lines.push(info.lines);
    }
  } catch (error) {
    if (error instanceof CsvError) throw new Fatal(`line ${(error as CsvError & { lines?: number }).lines ?? "?"}: ${error.message}`);
    throw error;
  }
  if (!columns) throw new Fatal(`${file} is empty: it needs a header item,rater,value and one row per rating`);
  return { ratings, lines };
}

function wholeNumber(flag: string, text: string, least: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < least) throw new Fatal(`--${flag} takes a whole number of at least ${least}`);
  return n;
}

/** JSON with figures to four decimals: more would be noise next to a bootstrap interval. */
const rounded = (_key: string, value: unknown) => (typeof value === "number" && !Number.isInteger(value) ? Math.round(value * 1e4) / 1e4 : value);

export async function agreement(file: string, flags: AgreementFlags): Promise<number> {
  const level = flags.level as Level;
  if (!LEVELS.includes(level)) throw new Fatal(`--level is one of ${LEVELS.join(", ")}`);
  const seed = wholeNumber("seed", flags.seed, 0);
  const resamples = wholeNumber("resamples", flags.resamples, MIN_RESAMPLES);
  const minimum = Number(flags.minimum);
  if (!Number.isFinite(minimum) || minimum > 1) throw new Fatal("--minimum takes a number of at most 1");
  const { values, toValue } = declare(level, flags.scale);
  const { ratings, lines } = await readRatings(file, toValue);
  // Without --scale the order of numbers is their numeric order, the one order they declare.
  const numbersInOrder = () => [...new Set(ratings.flatMap((r) => (r.value === null ? [] : [r.value as number])))].sort((a, b) => a - b);
  const scale = { level, values: values ?? (level === "ordinal" ? numbersInOrder() : undefined) } as DeclaredScale;
  try {
    const summary = agreementSummary(tabulate(ratings, scale), { seed, resamples, minimum });
    console.log(JSON.stringify(summary, rounded));
  } catch (error) {
    if (!(error instanceof AgreementInputError)) throw error;
    const where = error.index === undefined ? "" : `line ${lines[error.index]}: `;
    const first = error.firstIndex === undefined ? "" : ` (first at line ${lines[error.firstIndex]})`;
    throw new Fatal(`${where}${error.message}${first}`);
  }
  return 0;
}
