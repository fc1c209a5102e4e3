import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";
import { defineConfig, globalIgnores } from "eslint/config";

// Next.js's rules (React, hooks, accessibility, core web vitals) with typescript-eslint's
// recommended set; formatting is Prettier's job, so rules about layout are off.
export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  prettier,
  globalIgnores(["lib/db/generated/**", ".next/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  // CommonJS configuration files (dependency-cruiser's) load their helpers with require().
  { files: ["**/*.cjs"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  {
    rules: {
      // A leading underscore marks a parameter or binding kept for its position.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
    },
  },
]);
