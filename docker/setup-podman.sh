#!/bin/sh
# Rootful podman serving the Docker-compatible API for testcontainers, on Debian 12 hosts without a
# Docker engine or systemd (the measured recipe: ../shared/reference/podman.md). Idempotent: a re-run
# only checks. Run it after every boot (the cgroup mount and the API service do not survive one).
# On a machine whose Docker engine answers, it changes nothing and prints nothing to export.
# Prints the environment testcontainers needs as one `export` line on stdout (eval-able); progress
# goes to stderr.
set -eu
SOCK=/run/podman/podman.sock
ping_sock() { curl -sf --max-time 2 --unix-socket "$1" http://d/_ping >/dev/null 2>&1; }

if [ -S /var/run/docker.sock ] && ping_sock /var/run/docker.sock && ! command -v podman >/dev/null; then
  echo "setup-podman: a Docker engine answers at /var/run/docker.sock; nothing to do" >&2
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "setup-podman: needs root (rootful podman; the host fixes write /etc and mount a cgroup)" >&2
  exit 2
fi
if ! command -v podman >/dev/null || ! command -v busybox >/dev/null; then
  echo "setup-podman: installing podman and busybox-static (apt)" >&2
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman busybox-static curl >&2
fi
# Fix 2 (podman.md section 2): crun refuses cgroup "hybrid" mode while cgroup2 still owns a controller
# (hugetlb); move hugetlb onto its own v1 hierarchy so cgroup2 has none. (`test -s` cannot tell:
# cgroup files report size 0.)
if grep -qs . /sys/fs/cgroup/unified/cgroup.controllers; then
  mkdir -p /sys/fs/cgroup/hugetlb
  mount -t cgroup -o hugetlb cgroup /sys/fs/cgroup/hugetlb
fi
# Fix 1: the host lacks CAP_SYS_RESOURCE, so podman's default rlimits (nofile=1048576, large nproc)
# cannot be set; these are the largest measured to work.
mkdir -p /etc/containers
CONF=/etc/containers/containers.conf
if ! grep -qs 'nproc=32768:32768' "$CONF"; then
  cat >"$CONF" <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
CONF
fi
# Fix 3: with cgroup v1's cpu controller every container sits under one parent, libpod_parent,
# which by default weighs as much as a single process (cpu.shares 1024) against everything in
# the root cgroup. On a busy machine all the containers of a run then share about one process's
# slice: the ElasticMQ container stalled SendMessage past the enqueue API's 5 s timeout (load 18:
# 180 jobs took 16-60 s, some rejected with 503; with this fix 4.5-5.5 s, none rejected).
# Weigh the containers as 16 busy processes; each container's own CPU limit still caps it.
CPU_PARENT=/sys/fs/cgroup/cpu/libpod_parent
if [ -f /sys/fs/cgroup/cpu/cpu.shares ]; then
  mkdir -p "$CPU_PARENT"
  [ "$(cat "$CPU_PARENT/cpu.shares")" -ge 16384 ] || echo 16384 >"$CPU_PARENT/cpu.shares"
fi
# The Docker-compatible API socket; its PID goes to /run/podman/service.pid (stop it by that PID).
if ! ping_sock "$SOCK"; then
  mkdir -p /run/podman
  nohup podman system service --time=0 "unix://$SOCK" >/run/podman/service.log 2>&1 &
  echo $! >/run/podman/service.pid
  i=0
  while [ $i -lt 40 ] && ! ping_sock "$SOCK"; do sleep 0.25; i=$((i + 1)); done
  ping_sock "$SOCK" || { echo "setup-podman: the API socket did not answer (see /run/podman/service.log)" >&2; exit 1; }
fi
# Ryuk's image cannot be pulled here (containers are stopped by the harness instead); /.dockerenv
# makes testcontainers report the bridge gateway as host unless overridden (podman.md section 6).
echo "export DOCKER_HOST=unix://$SOCK TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost"
