# madoguchi server image. Build: docker compose build (or: docker build -t madoguchi .)
# Two stages: compilers stay in the build stage; the runtime has Node, libusb and the build output.

# ---- build: npm ci (better-sqlite3 compiles from source: python3, make, g++), tsc -b, drop devDependencies
FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# the manifests first, so that `npm ci` (about a minute) is cached until they change
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY printer/package.json printer/
COPY server/package.json server/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# ---- runtime
FROM node:20-bookworm-slim
# libusb-1.0-0: node-hid (USB call buttons) needs it at run time
RUN apt-get update \
 && apt-get install -y --no-install-recommends libusb-1.0-0 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# owned by root: the server's user can read its code but not change it
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data && chmod 0700 /data
ENV DATA_DIR=/data \
    PORT=3000 \
    HOST=0.0.0.0
USER node
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
# node itself, not npm/npx: SIGTERM must reach the server's graceful shutdown (it closes within 10 s)
CMD ["node", "server/dist/madoguchi.js"]
