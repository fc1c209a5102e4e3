// Job names, apart from their handlers, so services can enqueue work without importing the
// whole registry (which imports them back).
export const JOBS = {
  purgeExpiredTokens: "maintenance.purge-expired-tokens",
  purgeExpiredTraces: "traces.retention",
  runImport: "imports.run",
  sweepImports: "imports.sweep",
} as const;

export type JobName = (typeof JOBS)[keyof typeof JOBS];
