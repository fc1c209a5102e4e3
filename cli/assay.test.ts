import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The command as a user runs it: a process, its output and its exit status. Each test starts
// several processes (tsx compiles on start), which takes seconds on a busy machine.
const SLOW = { timeout: 30_000 };
const run = (...args: string[]) =>
  spawnSync(process.execPath, [path.resolve("cli/assay.mjs"), ...args], { encoding: "utf8", env: { ...process.env, ASSAY_API_KEY: "" } });

describe("assay", SLOW, () => {
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

describe("assay agreement", SLOW, () => {
  const fixture = (name: string) => path.resolve("lib/agreement/fixtures", name);
  const json = (result: ReturnType<typeof run>) => {
    expect([result.status, result.stderr]).toEqual([0, ""]);
    return JSON.parse(result.stdout);
  };

  it.each([
    ["nominal", 0.743],
    ["ordinal", 0.815],
    ["interval", 0.849],
    ["ratio", 0.797],
  ])("prints Krippendorff (2011)'s %s α, %s, with its interval and the listed keys", (level, expected) => {
    const out = json(run("agreement", fixture("krippendorff-2011.csv"), "--level", level, "--seed", "5"));
    expect(out.alpha).toBeCloseTo(expected, 3);
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining(["alpha", "ci95", "level", "items", "raters", "pairable", "percentAgreement", "pairs", "fleissKappa", "ac1"]),
    );
    expect(out).toMatchObject({
      level,
      items: 12,
      raters: 4,
      pairable: 40,
      fleissKappa: null,
      fleissKappaReason: "undefined: items have different numbers of ratings (1 to 4)",
    });
    expect(out.ci95[0]).toBeLessThan(out.alpha);
    expect(out.ci95[1]).toBeGreaterThan(out.alpha);
    expect(out.pairs).toHaveLength(6);
    expect(out.pairs[0]).toMatchObject({ a: "A", b: "B", n: 9, kappa: expect.any(Number) });
    if (level === "ordinal") {
      expect(out.pairs[0].weightedKappa).toEqual(expect.any(Number));
      expect(out.percentWithinOne).toBeGreaterThanOrEqual(out.percentAgreement);
    } else expect(out).not.toHaveProperty("percentWithinOne");
  });

  it("takes named levels in their declared order with --scale, and the same seed gives the same interval", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "assay-agreement-")), "levels.csv");
    // The worked example of lib/agreement/alpha.test.ts: α = 1 − 175/600 in the order low < medium < high.
    writeFileSync(file, "item,rater,value\ni1,A,low\ni1,B,low\ni2,A,low\ni2,B,medium\ni3,A,high\ni3,B,high\ni4,A,medium\ni4,B,high\ni5,A,\n");
    const args = ["agreement", file, "--level", "ordinal", "--scale", "low,medium,high", "--seed", "9"];
    const first = json(run(...args));
    expect(first).toMatchObject({ alpha: 0.7083, items: 5, pairable: 8, singleRatingItems: 0 });
    expect(json(run(...args)).ci95).toEqual(first.ci95);
    const unordered = run("agreement", file, "--level", "ordinal");
    expect([unordered.status, unordered.stderr.trim()]).toEqual([2, 'assay: line 2: "low" is not a number (name the levels in order with --scale)']);
    rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it("stops with status 2 and the line at fault on bad input", () => {
    const bad = (...args: string[]) => {
      const result = run("agreement", ...args);
      return [result.status, result.stderr.trim()];
    };
    expect(bad(fixture("krippendorff-2011.csv"), "--level", "ordinal", "--scale", "1,2,3,4")).toEqual([
      2,
      'assay: line 39: "5" is not one of the declared values',
    ]);
    expect(bad(fixture("tables.json"), "--level", "nominal")).toEqual([2, expect.stringMatching(/^assay: line \d+: /)]);
    expect(bad(fixture("krippendorff-2011.csv"), "--level", "ordinal", "--resamples", "10")).toEqual([
      2,
      "assay: --resamples takes a whole number of at least 1000",
    ]);
    expect(bad("no-such-file.csv", "--level", "nominal")).toEqual([2, expect.stringContaining("ENOENT")]);
  });
});

describe("assay agreement --queue", SLOW, () => {
  it("explains itself with --help: the queue, the server and the rubric file", () => {
    const help = run("agreement", "--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: assay agreement [options] [file]");
    expect(help.stdout).toMatch(/--queue <id>\s+instead of a file/);
    expect(help.stdout).toMatch(/--rubric <file>\s+with --queue/);
  });

  it("stops with status 2 and says what is missing or in the way", () => {
    const bad = (...args: string[]) => {
      const result = run("agreement", ...args);
      return [result.status, result.stderr.trim()];
    };
    const fixture = (name: string) => path.resolve("lib/agreement/fixtures", name);
    const rubric = fixture("pairwise-rubric.yaml");
    expect(bad()).toEqual([2, "assay: give a CSV file of item,rater,value rows, or --queue with --url"]);
    expect(bad("ratings.csv")).toEqual([2, "assay: with a file, --level is required: nominal, ordinal, interval or ratio"]);
    expect(bad("ratings.csv", "--queue", "q")).toEqual([2, "assay: give a CSV file or --queue, not both"]);
    expect(bad("--queue", "q", "--rubric", rubric)).toEqual([2, "assay: --queue needs --url, Assay's address"]);
    expect(bad("--queue", "q", "--url", "http://127.0.0.1:9")).toEqual([2, expect.stringContaining("set ASSAY_API_KEY")]);
    expect(bad("--queue", "q", "--url", "http://127.0.0.1:9", "--rubric", rubric, "--level", "ordinal")).toEqual([
      2,
      "assay: with --queue the level and scale of each criterion come from the rubric: drop --level and --scale",
    ]);
    expect(bad("--queue", "q", "--url", "http://127.0.0.1:9", "--rubric", rubric)).toEqual([2, expect.stringContaining("set ASSAY_API_KEY")]);
    // A rubric file that is not one: the message names the field at fault.
    expect(bad("--queue", "q", "--url", "http://127.0.0.1:9", "--rubric", fixture("tables.json"))).toEqual([
      2,
      expect.stringMatching(/^assay: .*tables\.json: The rubric file is not valid: format: Set format: assay\.rubric\/v1; /),
    ]);
  });
});

describe("assay dataset diff and assay export", { timeout: 120_000 }, () => {
  it("explain themselves with --help, and stop with status 2 when the server or the key is missing", () => {
    const diff = run("dataset", "diff", "--help");
    expect(diff.status).toBe(0);
    expect(diff.stdout).toContain("Usage: assay dataset diff [options] <name> <from> <to>");
    expect(diff.stdout).toMatch(/--format <format>\s+a Markdown summary/);
    const noUrl = run("dataset", "diff", "golden", "1", "2");
    expect([noUrl.status, noUrl.stderr.trim()]).toEqual([2, "error: required option '--url <url>' not specified"]);
    const noKey = run("export", "--dataset", "golden", "--version", "1", "--format", "jsonl", "--url", "http://127.0.0.1:9");
    expect([noKey.status, noKey.stderr.trim()]).toEqual([2, "assay: set ASSAY_API_KEY to an API key of the project"]);
  });
});
