#!/usr/bin/env bash
# Stops the worker and API started by deploy/run.sh, then the local stack.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=local/lib.sh
source "$ROOT/deploy/local/lib.sh"
for name in api worker; do
  pidfile="$STATE/service/$name.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    kill "$(cat "$pidfile")" || true
    log "stopped $name"
  fi
  rm -f "$pidfile"
done
"$ROOT/deploy/local/down.sh"
