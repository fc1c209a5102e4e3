import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// The 6.19 CLI reads the schema's datasource URL even for `generate`, which never connects.
// Without a value it silently falls back to the native engine and tries to download it.
process.env.DATABASE_URL ||= "postgresql://placeholder@localhost:5432/placeholder";

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  experimental: { adapter: true },
  // The WebAssembly schema engine: works offline, unlike the native one.
  engine: "js",
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL });
  },
});
