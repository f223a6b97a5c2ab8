# The Lambda container image of the async handler (architecture B).
# Build from the repo root:  docker build -f docker/lambda.Dockerfile -t queueshift/lambda .
# The runtime base is AWS's Node.js 22 Lambda image; it contains the Runtime Interface Client and,
# run locally, the Runtime Interface Emulator (POST /2015-03-31/functions/function/invocations on 8080).
ARG BUILD_IMAGE=node:22-bookworm-slim
ARG LAMBDA_BASE_IMAGE=public.ecr.aws/lambda/nodejs:22

FROM ${BUILD_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json ./
COPY shared-model/package.json shared-model/
COPY sync-service/package.json sync-service/
COPY async-service/package.json async-service/
COPY bench/package.json bench/
COPY reports/package.json reports/
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY shared-model/ shared-model/
COPY async-service/ async-service/
RUN npx tsc -b shared-model async-service && node async-service/scripts/build-handler.mjs --print

FROM ${LAMBDA_BASE_IMAGE}
# One self-contained ES module bundle: no node_modules in the image, a short init.
COPY --from=build /app/async-service/dist/handler/index.mjs ${LAMBDA_TASK_ROOT}/index.mjs
# RESULTS_QUEUE_URL (required) and, off AWS, SQS_ENDPOINT are set on the function's configuration.
CMD ["index.handler"]
