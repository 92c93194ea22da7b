# syntax=docker/dockerfile:1
# The production image: Next.js's standalone server (server.js with only the node_modules its
# code was traced to need, the static assets and the Prisma migrations), run as the unprivileged
# `node` user. The app applies pending migrations itself at start (instrumentation.ts) and
# refuses to start, naming the setting, when its configuration is incomplete (lib/env.ts).
#   docker build -t webhooks-admin .
#   docker compose up --build        (with PostgreSQL, Inngest and Mailpit: docker-compose.yml)
# The Node major matches package.json's engines (checked by lib/deploy.test.ts).

# ---- build: install, generate the Prisma client, build the standalone server ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
# Dependencies first, so that a source change reuses this layer. `npm install` honours the
# lockfile; `npm ci` refuses a lockfile without other platforms' optional packages.
# postinstall generates the Prisma client from the schema (on WebAssembly, no engine download).
COPY package.json package-lock.json .npmrc ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts/prisma-generate.mjs ./scripts/
RUN npm install --no-audit --no-fund
COPY . .
# `next build` then scripts/complete-standalone.mjs: .next/standalone is the whole server.
RUN npm run build

# ---- runtime: the standalone server alone ----
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0
# Owned by root, so the server cannot rewrite its own code; only Next's cache is writable.
COPY --from=build /app/.next/standalone ./
RUN mkdir -p .next/cache && chown node:node .next/cache
USER node
EXPOSE 3000
# GET /api/health answers 200 only when the database answers and its migrations are current.
# The slim image has no curl: Node's fetch does it.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.js"]
