import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The command as a user runs it: a process, its output and its exit status.
const run = (...args: string[]) => spawnSync(process.execPath, [path.resolve("cli/assay.mjs"), ...args], { encoding: "utf8", env: { ...process.env, ASSAY_API_KEY: "" } });

describe("assay", () => {
  it("lists its commands, and each subcommand explains itself with --help", () => {
    const top = run("--help");
    expect(top.status).toBe(0);
    expect(top.stdout).toMatch(/import\s+send data to Assay/);
    const sub = run("import", "traces", "--help");
    expect(sub.status).toBe(0);
    expect(sub.stdout).toContain("Usage: assay import traces [options] <file>");
    expect(sub.stdout).toContain("--resume-from <line>");
  });

  it("stops with status 2 and a message on bad arguments", () => {
    const unknown = run("bogus");
    expect([unknown.status, unknown.stderr]).toEqual([2, expect.stringContaining("unknown command 'bogus'")]);
    const noUrl = run("import", "traces", "file.jsonl");
    expect([noUrl.status, noUrl.stderr]).toEqual([2, expect.stringContaining("'--url <url>' not specified")]);
    const noKey = run("import", "traces", "file.jsonl", "--url", "http://127.0.0.1:9");
    expect([noKey.status, noKey.stderr]).toEqual([2, expect.stringContaining("set ASSAY_API_KEY")]);
  });
});
