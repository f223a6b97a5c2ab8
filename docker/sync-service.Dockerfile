# The sync service image: one Fastify worker per container; scale by running more containers
# behind a load balancer (docker/nginx.conf locally, an ALB on AWS).
# Build from the repo root:  docker build -f docker/sync-service.Dockerfile -t queueshift/sync-service .
# Without a registry: --build-arg BASE=localhost/queueshift-node:22 (docker/build-images.sh).
ARG BASE=node:22-bookworm-slim

FROM ${BASE} AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json ./
COPY shared-model/package.json shared-model/
COPY sqs-client/package.json sqs-client/
COPY sync-service/package.json sync-service/
COPY async-service/package.json async-service/
COPY bench/package.json bench/
COPY reports/package.json reports/
COPY projection/package.json projection/
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY shared-model/ shared-model/
COPY sync-service/ sync-service/
RUN npx tsc -b shared-model sync-service

FROM ${BASE} AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 WORKERS=1 LOG_LEVEL=warn
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared-model/package.json shared-model/
COPY sqs-client/package.json sqs-client/
COPY sync-service/package.json sync-service/
COPY async-service/package.json async-service/
COPY bench/package.json bench/
COPY reports/package.json reports/
COPY projection/package.json projection/
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts --workspace sync-service \
 && npm cache clean --force
COPY --from=build /app/shared-model/dist shared-model/dist
COPY --from=build /app/sync-service/dist sync-service/dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=2s --start-period=5s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Graceful shutdown: `docker stop` sends SIGTERM; the service drains in-flight requests, then exits.
STOPSIGNAL SIGTERM
CMD ["node", "sync-service/dist/main.js"]
