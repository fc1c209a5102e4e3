import pino, { type DestinationStream, type Logger } from "pino";
import { env } from "@/lib/env";
import { currentContext } from "./context";

// The one logger: JSON lines on stdout, one object per line, each carrying the request id (and
// project, job) of the work it was written in. Log what happened, by ids and counts: never a
// body, a header, a key, or trace content. The redaction below is the net under that rule,
// not the rule.

/** Fields removed wherever they appear (two levels deep), should anything pass them to a log call. */
export const REDACTED_FIELDS = ["authorization", "cookie", "password", "apiKey", "key", "token", "secret"];

const redactPaths = REDACTED_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

/**
 * An error as a log field: its kind, message, code and stack. Not its other properties: a
 * Postgres error's `detail` quotes the row it refused, which may be trace content.
 */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  return { type: error.name, message: error.message, ...(typeof code === "string" ? { code } : {}), stack: error.stack };
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "assay" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      messageKey: "msg",
      serializers: { err: errorFields },
      redact: { paths: redactPaths, remove: true },
      mixin: () => ({ ...currentContext() }),
    },
    destination,
  );
}

// One logger per process, however many bundles load this module.
const store = globalThis as unknown as { __assayLogger?: Logger };

export function log(): Logger {
  return (store.__assayLogger ??= createLogger(env().ASSAY_LOG_LEVEL));
}

/** For tests that read what is logged; `undefined` goes back to stdout at the configured level. */
export function replaceLogger(logger: Logger | undefined): void {
  store.__assayLogger = logger;
}
