# syntax=docker/dockerfile:1
#
# Image for apps/live (NestJS socket.io service: Q&A, polls, presence; path /live/socket.io).
#
# Build from the repository root (the context must be the whole workspace):
#   docker build -f infra/docker/live.Dockerfile -t plenary/live .
# A root .dockerignore must keep node_modules, dist, .nx and .git out of the context.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: full install + Nx build ----------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NX_DAEMON=false \
    NX_NO_CLOUD=true \
    NX_TUI=false
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund
COPY . .
RUN npx nx build live

# ---- prod-deps: runtime node_modules only (the webpack bundle keeps node_modules external) ---------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --no-audit --no-fund

# ---- runtime ---------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    LIVE_PORT=3001
WORKDIR /app
# Files stay owned by root: the node user can read the app but not rewrite it.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/dist/apps/live ./dist/apps/live
USER node
EXPOSE 3001
# /healthz depends on nothing (no database, no Redis): it only says the process serves HTTP.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.LIVE_PORT||3001)+'/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# On SIGTERM the service closes its sockets and exits; clients reconnect to another node and resync.
CMD ["node", "dist/apps/live/main.js"]
