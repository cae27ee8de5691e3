# One image for the five apps; the container runs the app named by APP:
#   docker build --build-arg APP=gateway -t mobile-collection/gateway .
# Node 24 LTS; CI proves it with the unit tests and a system smoke test (.ci/node-24).
# A site that reaches no public image registry builds its own base (deploy/base-image.sh) and names it:
#   buildah bud --build-arg BASE_IMAGE=localhost/node --build-arg APP=gateway -t mobile-collection/gateway .
ARG BASE_IMAGE=node
ARG NODE_VERSION=24

FROM ${BASE_IMAGE}:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /src
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
# The image carries no test code and no development dependency (the demo generator among them).
RUN npm run build && npm prune --omit=dev

FROM ${BASE_IMAGE}:${NODE_VERSION}-bookworm-slim AS runtime
ARG APP=gateway
# libuv's thread pool serves both file writes and photo decoding; 4 threads waiting on fsync would leave decoding idle.
ENV NODE_ENV=production APP=${APP} DATA_DIR=/var/lib/mobile-collection UV_THREADPOOL_SIZE=16
WORKDIR /app
COPY --from=build --chown=root:root /src/package.json ./
COPY --from=build --chown=root:root /src/node_modules ./node_modules
COPY --from=build --chown=root:root /src/dist ./dist
RUN mkdir -p /var/lib/mobile-collection && chown node:node /var/lib/mobile-collection
USER node
VOLUME ["/var/lib/mobile-collection"]
# The public ports only: 8081..8084 carry signed messages between containers on their private network, never published.
EXPOSE 7443 8000
# The same command as `npm run start:app -- $APP`, without npm in between so signals reach node. The internal port
# listens on the container's own address, not on every interface, unless INTERNAL_HOST names another.
CMD ["sh", "-c", "export INTERNAL_HOST=\"${INTERNAL_HOST:-$(hostname -i | cut -d' ' -f1)}\" && exec node --initial-old-space-size=128 dist/apps/main/src/app.js \"$APP\""]
