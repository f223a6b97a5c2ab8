# The Lambda container image of the async handler (architecture B).
# Build from the repo root:  docker build -f docker/lambda.Dockerfile -t queueshift/lambda .
# The default base is AWS's Node.js 22 Lambda image; it contains the Runtime Interface Client and,
# run locally, the Runtime Interface Emulator (POST /2015-03-31/functions/function/invocations on 8080).
# Any other Node 22 base (AWS: "Using an alternative base image"): --build-arg RIC=npm
# --build-arg BASE=<node 22 image> installs AWS's runtime interface client, aws-lambda-ric, from npm
# (built by RIC_BUILD_IMAGE, which needs a C++ toolchain, cmake and autotools).
ARG BUILD_IMAGE=node:22-bookworm-slim
ARG BASE=public.ecr.aws/lambda/nodejs:22
ARG RIC=aws
ARG RIC_BUILD_IMAGE=node:22-bookworm

FROM ${BUILD_IMAGE} AS build
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
RUN npx tsc -b shared-model sqs-client async-service && node async-service/scripts/build-handler.mjs --print

FROM ${RIC_BUILD_IMAGE} AS ric-build
# The client's native part (aws-lambda-cpp, libcurl) compiles here; npm 11 runs its install
# script only when allowScripts lists it. A RIC_BUILD_IMAGE that already holds the built client
# in /ric/node_modules (docker/build-images.sh: the host's build for the same Node) skips both
# the toolchain and the compile.
WORKDIR /ric
RUN [ -f node_modules/aws-lambda-ric/rapid-client.node ] || { \
      { (command -v cmake && command -v xz) >/dev/null || (apt-get update && apt-get install -y \
        --no-install-recommends g++ make cmake unzip xz-utils autoconf automake libtool python3 \
        libcurl4-openssl-dev); } \
   && printf '%s\n' '{"name":"ric","private":true,"allowScripts":{"aws-lambda-ric":true}}' > package.json \
   && npm install --no-audit --no-fund aws-lambda-ric@4.0.2 && npm cache clean --force; }

# AWS's base: the handler on top, its own entrypoint runs the client.
FROM ${BASE} AS lambda-aws
# One self-contained ES module bundle: no node_modules in the image, a short init.
COPY --from=build /app/async-service/dist/handler/index.mjs ${LAMBDA_TASK_ROOT}/index.mjs
CMD ["index.handler"]

# Any Node 22 base: the client from npm is the entrypoint, as AWS documents for such images.
FROM ${BASE} AS lambda-npm
ENV LAMBDA_TASK_ROOT=/var/task
WORKDIR /var/task
COPY --from=ric-build /ric/node_modules /opt/ric/node_modules
COPY --from=build /app/async-service/dist/handler/index.mjs /var/task/index.mjs
ENTRYPOINT ["node", "/opt/ric/node_modules/aws-lambda-ric/index.mjs"]
CMD ["index.handler"]

# RESULTS_QUEUE_URL (required) and, off AWS, SQS_ENDPOINT are set on the function's configuration.
FROM lambda-${RIC}
