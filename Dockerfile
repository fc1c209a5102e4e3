# syntax=docker/dockerfile:1
# Assay with its production build baked in. On every start the container applies pending
# migrations, then runs `next start` (scripts/start.ts, as `npm start` does with DATABASE_URL
# set). Build: `docker build -t assay .`; run it with docker-compose.yml or docs/operations.md.

ARG NODE_VERSION=20

# ── dependencies: `npm ci` from the lockfile ──────────────────────────────────────────────
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# Dependencies' own install scripts are skipped (some would download engines from outside the
# npm registry); scripts/postinstall.mjs does the two jobs the app needs: restoring the
# embedded PostgreSQL's symlinks and `prisma generate` (into lib/db/generated), for which it
# needs the schema and prisma.config.ts, nothing else of the sources.
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts/postinstall.mjs scripts/
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund --ignore-scripts && node scripts/postinstall.mjs

# ── build: `next build` (the generated Prisma client comes from the deps stage) ────────────
FROM deps AS build
COPY . .
RUN node_modules/.bin/next build && rm -rf .next/cache

# ── runtime dependencies: the same tree without devDependencies ──────────────────────────
FROM deps AS prod-deps
RUN npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# ── runtime: what `next start` and the migrations need, as the unprivileged `node` user ────
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/package.json /app/package-lock.json /app/tsconfig.json /app/next.config.js /app/prisma.config.ts ./
# scripts/start.ts (through tsx) imports lib/; prisma/ holds the migrations it applies.
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/lib ./lib
COPY --from=build --chown=node:node /app/.next ./.next
# start.ts rebuilds when a source looks newer than the build: stamp the build as the newest
# file, whatever times the copies above kept. `.data` holds a generated NEXTAUTH_SECRET (when
# none is set) or, without DATABASE_URL, the embedded database.
RUN touch .next/BUILD_ID && mkdir .data && chown node:node .data
USER node
EXPOSE 3000
# Liveness only (/api/health/live does not touch the database): a database outage must not get
# the app restarted. Readiness, database included, is /api/health (docs/operations.md).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# Node itself is PID 1 (no npm in between): start.ts passes SIGTERM on to the web server.
CMD ["node", "--import", "tsx", "scripts/start.ts"]
