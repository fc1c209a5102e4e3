import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ZEnv } from "./env";

// What an operator is told to set and what the app reads must be the same list: a variable
// documented but never read is a setting that silently does nothing, and one read but never
// documented cannot be found. The documents are docker-compose.yml (with the .env.example that
// stands in for its env_file), README.md and docs/operations.md.

const root = new URL("../", import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), "utf8");

const NAME = "[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*";
const WHOLE_NAME = new RegExp(`^${NAME}$`);

// Names the documents may give that lib/env.ts does not read, each with its reader. Anything
// else belongs in lib/env.ts or out of the documents.
const READ_ELSEWHERE: Record<string, string> = {
  POSTGRES_USER: "the postgres image in docker-compose.yml",
  POSTGRES_DB: "the postgres image in docker-compose.yml",
  POSTGRES_PASSWORD: "the postgres image, and docker compose to build DATABASE_URL",
  POSTGRES_INITDB_ARGS: "the postgres image in docker-compose.yml",
  NODE_OPTIONS: "Node.js itself (README: it can override ASSAY_SERVER_HEAP_MB)",
  ASSAY_API_KEY: "the `assay` command (cli/common.ts), a client of the API",
  DATABASE_URL_TEST: "`npm test` (tests/helpers/global-setup.ts)",
  ASSAY_TEST_PG15: "`npm test` (scripts/test.ts)",
  CI: "`npm test` (scripts/test.ts, playwright.config.ts)",
  CHROMIUM_PATH: "`npm test` (playwright.config.ts)",
};

/**
 * Variables named in markdown: an inline code span that is a name (`PORT`) or a name and `=`
 * (`CI=true`), a `$NAME` or `${NAME}` reference anywhere, and `NAME=` starting a word in a
 * fenced block. Upper-case words in prose (roles, scopes, SQL) are not picked up.
 */
function namesInMarkdown(text: string): Set<string> {
  const names = new Set<string>();
  const fences = [...text.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1]);
  const prose = text.replace(/^```[^\n]*\n[\s\S]*?^```/gm, "");
  for (const [, span] of prose.matchAll(/`([^`\n]+)`/g)) {
    const name = span.split("=")[0];
    if (WHOLE_NAME.test(name)) names.add(name);
  }
  for (const [, name] of text.matchAll(new RegExp(`\\$\\{?(${NAME})\\b`, "g"))) names.add(name);
  for (const block of fences) for (const [, name] of block.matchAll(new RegExp(`(?:^|\\s)(${NAME})=`, "gm"))) names.add(name);
  return names;
}

/** Variables of an env file: `NAME=` lines, commented-out ones (optional settings) included. */
function namesInEnvFile(text: string): Set<string> {
  return new Set([...text.matchAll(new RegExp(`^#?\\s*(${NAME})=`, "gm"))].map((m) => m[1]));
}

type Service = { environment?: Record<string, unknown> | string[]; env_file?: string | string[] };

/** Variables of a compose file: each service's `environment`, `${NAME}` interpolations, env files. */
function namesInCompose(text: string, envFile: (path: string) => string): Set<string> {
  const names = new Set([...text.matchAll(new RegExp(`\\$\\{(${NAME})`, "g"))].map((m) => m[1]));
  const services = Object.values((parse(text) as { services: Record<string, Service> }).services);
  for (const service of services) {
    const env = service.environment ?? {};
    for (const entry of Array.isArray(env) ? env.map((e) => e.split("=")[0]) : Object.keys(env)) names.add(entry);
    for (const file of [service.env_file ?? []].flat()) for (const name of namesInEnvFile(envFile(file))) names.add(name);
  }
  return names;
}

function documented(): Map<string, string[]> {
  // `.env` is the operator's own copy, never committed: .env.example is its template.
  const envFile = (file: string) => read(file === ".env" ? ".env.example" : file);
  const sources: [string, Set<string>][] = [
    ["docker-compose.yml", namesInCompose(read("docker-compose.yml"), envFile)],
    ["README.md", namesInMarkdown(read("README.md"))],
    ["docs/operations.md", namesInMarkdown(read("docs/operations.md"))],
  ];
  const where = new Map<string, string[]>();
  for (const [file, names] of sources) for (const name of names) where.set(name, [...(where.get(name) ?? []), file]);
  return where;
}

describe("environment variables", () => {
  const readByApp = new Set(Object.keys(ZEnv.shape));
  const named = documented();

  it("finds variables the way the documents write them", () => {
    const markdown =
      "Set `PORT`, `CI=true` or `${ASSAY_JOBS}`; see $NEXTAUTH_URL/x. `ADMIN role` and `LOCALE_PROVIDER builtin` are not.\n```sh\nexport ASSAY_API_KEY=k\nOIDC_NAME=x npm start\n```\n";
    expect([...namesInMarkdown(markdown)].sort()).toEqual(["ASSAY_API_KEY", "ASSAY_JOBS", "CI", "NEXTAUTH_URL", "OIDC_NAME", "PORT"]);
    expect([...namesInEnvFile("# a comment\nA_B=1\n# C=\nnot=this\n")].sort()).toEqual(["A_B", "C"]);
    const compose = "services:\n  a:\n    env_file: .env\n    environment:\n      X: ${Y:-1}\n  b:\n    environment: [Z=1]\n";
    expect([...namesInCompose(compose, () => "W=\n")].sort()).toEqual(["W", "X", "Y", "Z"]);
  });

  it("documents only variables that lib/env.ts reads", () => {
    const unread = [...named].filter(([name]) => !readByApp.has(name) && !(name in READ_ELSEWHERE));
    expect(unread.map(([name, files]) => `${name} (in ${files.join(", ")})`)).toEqual([]);
  });

  it("documents every variable lib/env.ts reads", () => {
    expect([...readByApp].filter((name) => !named.has(name))).toEqual([]);
  });

  it("keeps the list of variables read elsewhere short and current", () => {
    expect(Object.keys(READ_ELSEWHERE).filter((name) => readByApp.has(name) || !named.has(name))).toEqual([]);
  });
});
