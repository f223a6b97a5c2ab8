# The enqueue API image (architecture B's front door, POST /v1/jobs -> the jobs queue).
# Build from the repo root:  docker build -f docker/enqueue-api.Dockerfile -t queueshift/enqueue-api .
# Without a registry: --build-arg BASE=localhost/queueshift-node:22 (docker/build-images.sh).
# Run with --queue-url and --endpoint (the SQS endpoint) as arguments.
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
COPY sqs-client/ sqs-client/
COPY async-service/ async-service/
RUN npx tsc -b shared-model sqs-client async-service

FROM ${BASE} AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 LOG_LEVEL=warn
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared-model/package.json shared-model/
COPY sqs-client/package.json sqs-client/
COPY sync-service/package.json sync-service/
COPY async-service/package.json async-service/
COPY bench/package.json bench/
COPY reports/package.json reports/
COPY projection/package.json projection/
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts --workspace async-service \
 && npm cache clean --force
COPY --from=build /app/shared-model/dist shared-model/dist
COPY --from=build /app/sqs-client/dist sqs-client/dist
COPY --from=build /app/async-service/dist async-service/dist
USER node
EXPOSE 3000
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "async-service/dist/api/main.js"]
