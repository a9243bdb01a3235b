# syntax=docker/dockerfile:1
# The production image: compiled JavaScript on Node.js 20, production dependencies only, run as
# the unprivileged `node` user. Build: docker build -t client-area .
# Run:   docker run -p 3000:3000 -e DATABASE_URL=... -e SESSION_SECRET=... client-area

# --- build: every dependency (TypeScript, the Prisma CLI to generate the client), then compile ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
# postinstall runs `prisma generate` (the client is TypeScript in src/generated, compiled below).
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# --- runtime: what `node dist/server.js` reads, nothing else ---
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root views ./views
COPY --chown=root:root public ./public
COPY --chown=root:root prisma/migrations ./prisma/migrations
# The code is root's and read-only to the app; only DATA_DIR (the embedded database and local
# mail, when no DATABASE_URL / SMTP_URL is given) is the app user's.
RUN mkdir -p /app/data && chown node:node /app/data && chmod 700 /app/data
USER node
EXPOSE 3000
# Liveness: the process answers. Readiness (database, migrations) is GET /readyz.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM (docker stop) drains in-flight requests within SHUTDOWN_TIMEOUT_SECONDS (8), below
# Docker's 10 s before SIGKILL. node is PID 1 here and handles the signal itself.
CMD ["node", "dist/server.js"]
