import { Writable } from "node:stream";
import type { Logger } from "pino";
import { createLogger } from "./log";

/** For tests: a logger at debug level whose lines are kept, parsed, instead of written to stdout. */
export function captureLogger(): { lines: Record<string, unknown>[]; logger: Logger } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger("debug", stream) };
}
