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
      comment: "Scopes, tokens, passwords, schemas, previews and agreement statistics do not touch the database.",
      severity: "error",
      from: { path: ["^lib/agreement/", "^lib/auth/(scopes|tokens|password)\\.ts$", "^lib/[^/]+/schemas\\.ts$", "^lib/traces/(preview|view|url|messages|limits|prepare)\\.ts$", "^lib/otlp/(map|proto|decode)\\.ts$", "^lib/rubrics/(constants|rules|score-value|diff|format|templates)\\.ts$"] },
      to: { path: ["^lib/db/client\\.ts$", "node_modules/@prisma/", "node_modules/pg/"] },
    },
    {
      name: "client-stays-client",
      comment: "Browser components must not pull server modules into the bundle.",
      severity: "error",
      from: { path: "^components/(ui|auth|members|apikeys|admin|rubric|keyboard|traces|imports)/" , pathNot: "\\.test\\.ts$" },
      to: { path: ["^lib/db/", "^lib/http/handler\\.ts$", "^lib/auth/nextauth\\.ts$", "node_modules/pg/", "node_modules/@prisma/"] },
    },
    {
      name: "cli-talks-http",
      comment: "The assay command reaches a server over HTTP; from lib it shares only pure modules, never the database or Next.js.",
      severity: "error",
      from: { path: "^cli/" },
      to: { path: ["^lib/db/", "^lib/http/", "^lib/[^/]+/service\\.ts$", "node_modules/next/", "node_modules/pg/", "node_modules/@prisma/"] },
    },
    { name: "no-orphans-in-lib", severity: "warn", from: { orphan: true, path: "^lib/", pathNot: ["\\.test\\.ts$", "\\.d\\.ts$", "\\.d\\.mts$", "^lib/db/generated/"] }, to: {} },
  ],
  options: {
    doNotFollow: { path: ["node_modules", "^lib/db/generated/"] },
    exclude: { path: ["^lib/db/generated/", "^\\.next/"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"], extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs"] },
  },
};
