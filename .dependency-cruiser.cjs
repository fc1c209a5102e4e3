const { readdirSync, readFileSync } = require("node:fs");
const path = require("node:path");

/** Every module that declares itself a client component: the rule follows the directive, not a folder list. */
function clientFiles() {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && /^\s*["']use client["']/.test(readFileSync(full, "utf8"))) found.push(`^${full.replace(/[.[\]()]/g, "\\$&")}$`);
    }
  };
  for (const root of ["app", "components"]) walk(root);
  return found;
}

/** Import rules: no cycles, no client code reaching server code, a framework-free domain. */
module.exports = {
  forbidden: [
    { name: "no-cycles", severity: "error", from: {}, to: { circular: true } },
    {
      name: "domain-is-framework-free",
      comment: "lib/ holds the domain; only its HTTP boundary and next-auth setup may know Next.js.",
      severity: "error",
      from: { path: "^lib/", pathNot: ["^lib/http/", "^lib/auth/nextauth\\.ts$"] },
      to: { path: ["node_modules/next/", "node_modules/next-auth/"] },
    },
    {
      name: "pure-logic-without-database",
      comment:
        "Scopes, tokens, passwords, schemas, previews, agreement statistics, consensus rules, the judgments codec and the judge core (templates, answers, comparisons) do not touch the database.",
      severity: "error",
      from: {
        path: [
          "^lib/agreement/",
          "^lib/consensus/",
          "^lib/judges/",
          "^lib/auth/(scopes|tokens|password)\\.ts$",
          "^lib/[^/]+/(schemas|answers)\\.ts$",
          "^lib/traces/(preview|view|url|messages|limits|prepare)\\.ts$",
          "^lib/otlp/(map|proto|decode)\\.ts$",
          "^lib/rubrics/(constants|rules|score-value|diff|format|templates)\\.ts$",
          "^lib/scores/codec\\.ts$",
        ],
      },
      to: { path: ["^lib/db/client\\.ts$", "node_modules/@prisma/", "node_modules/pg/"] },
    },
    {
      name: "client-stays-client",
      comment:
        'Browser components (every file that starts with "use client") must not pull server modules into the bundle, directly or through what they import.',
      severity: "error",
      from: { path: clientFiles() },
      to: {
        path: [
          "^lib/db/",
          "^lib/http/handler\\.ts$",
          "^lib/auth/nextauth\\.ts$",
          "^lib/[^/]+/service\\.ts$",
          "node_modules/pg/",
          "node_modules/@prisma/",
          "node_modules/next-auth/next",
        ],
        reachable: true,
      },
    },
    {
      name: "lib-is-below-app",
      comment: "The domain never imports pages, routes or UI.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: ["^app/", "^components/"] },
    },
    {
      name: "routes-and-pages-get-the-handle",
      comment:
        "Routes and pages never pick a database client: the route wrapper (input.db) and the page context (page.db, pageDatabase()) hand services the one handle.",
      severity: "error",
      from: { path: ["^app/", "^components/"] },
      to: { path: "^lib/db/" },
    },
    {
      name: "cli-talks-http",
      comment: "The assay command reaches a server over HTTP; from lib it shares only pure modules, never the database or Next.js.",
      severity: "error",
      from: { path: "^cli/" },
      to: { path: ["^lib/db/", "^lib/http/", "^lib/[^/]+/service\\.ts$", "node_modules/next/", "node_modules/pg/", "node_modules/@prisma/"] },
    },
    {
      name: "no-orphans-in-lib",
      severity: "warn",
      from: { orphan: true, path: "^lib/", pathNot: ["\\.test\\.ts$", "\\.d\\.ts$", "\\.d\\.mts$", "^lib/db/generated/"] },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: ["node_modules", "^lib/db/generated/"] },
    exclude: { path: ["^lib/db/generated/", "^\\.next/"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs"],
    },
  },
};
