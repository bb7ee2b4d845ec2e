# syntax=docker/dockerfile:1
#
# Image for apps/web: the Vite build served by unprivileged nginx (port 8080), which also proxies
# /api/ to apps/api and /live/ (socket.io, websockets) to apps/live.
#
# Build from the repository root (the context must be the whole workspace):
#   docker build -f infra/docker/web.Dockerfile -t plenary/web .
# A root .dockerignore must keep node_modules, dist, .nx and .git out of the context.
#
# Runtime settings (environment):
#   API_UPSTREAM   host:port of apps/api   (default api:3000)
#   LIVE_UPSTREAM  host:port of apps/live  (default live:3001)
#   LIVEKIT_URL    where browsers reach LiveKit (default ws://localhost:7880): the CSP's connect-src allows it
# infra/nginx/web.conf is a template: the image's entrypoint renders /etc/nginx/templates/*.template
# into /etc/nginx/conf.d/ with envsubst at every start.

ARG NODE_IMAGE=node:20-bookworm-slim
ARG NGINX_IMAGE=nginxinc/nginx-unprivileged:stable-alpine

# ---- build ----------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NX_DAEMON=false \
    NX_NO_CLOUD=true \
    NX_TUI=false
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund
COPY . .
RUN npx nx build web

# ---- runtime ---------------------------------------------------------------------------------------
# nginx >= 1.27.3 is required: web.conf uses `server … resolve` in its upstreams (stable is 1.28+).
FROM ${NGINX_IMAGE} AS runtime
# NGINX_ENTRYPOINT_LOCAL_RESOLVERS exposes the container's DNS servers as ${NGINX_LOCAL_RESOLVERS} to
# the template, so upstream names are re-resolved when api/live containers or pods get new addresses.
ENV API_UPSTREAM=api:3000 \
    LIVE_UPSTREAM=live:3001 \
    LIVEKIT_URL=ws://localhost:7880 \
    NGINX_ENTRYPOINT_LOCAL_RESOLVERS=1
# Fixed worker count (`auto` would follow the host's cores, not the container's quota) and room for
# proxied websockets: each one holds two connections (browser and live). The grep fails the build if
# the base image's nginx.conf stops matching.
USER root
RUN sed -i -e 's/^worker_processes .*/worker_processes 2;/' \
           -e 's/worker_connections .*/worker_connections 8192;/' /etc/nginx/nginx.conf \
 && grep -q '^worker_processes 2;' /etc/nginx/nginx.conf \
 && grep -q 'worker_connections 8192;' /etc/nginx/nginx.conf
USER 101
COPY --chmod=0755 infra/nginx/livekit-csp.envsh /docker-entrypoint.d/15-plenary-livekit-csp.envsh
COPY infra/nginx/security-headers.conf /etc/nginx/templates/snippets/plenary-security-headers.conf.template
COPY infra/nginx/web.conf /etc/nginx/templates/default.conf.template
COPY --from=build /app/dist/apps/web /usr/share/nginx/html
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 \
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"]
