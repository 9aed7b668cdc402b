#!/usr/bin/env bash
# Stops every process up.sh started (tracked by pid files), in reverse order.
# Idempotent. State (etcd data, temporal.db, registry storage, PKI) is kept;
# `down.sh --purge` also deletes $STATE.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

stop() {
  local name=$1 pid
  pid="$(pid_of "$name")"
  if [ -z "$pid" ]; then rm -f "$PIDS/$name.pid"; return 0; fi
  log "stopping $name (pid $pid)"
  # up.sh starts each component with setsid, so the pid is its own process group.
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do
    [ -d "/proc/$pid" ] || break
    sleep 0.25
  done
  if [ -d "/proc/$pid" ]; then
    log "$name did not stop in 10s, killing"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$PIDS/$name.pid"
}

# Clients first (in parallel), then the API server, then etcd.
for c in registry registry-auth temporal kwok kube-scheduler kube-controller-manager; do stop "$c" & done
wait
stop kube-apiserver
stop etcd

if [ "${1:-}" = "--purge" ]; then
  log "removing $STATE"
  rm -rf "$STATE"
fi
log "down"
