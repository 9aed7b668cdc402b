#!/usr/bin/env bash
# README command 2: all tests. Fast tier (unit, workflow, fabric8 mock server) through Maven
# Surefire, then the real tier (*IT, Failsafe) against the local stack, which this script installs,
# starts and stops. CONVERGE_FAST_ONLY=1 skips the real tier.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
started=$(date +%s)

echo "== fast tier"
mvn -B install

if [ "${CONVERGE_FAST_ONLY:-0}" = 1 ]; then
  echo "== real tier skipped (CONVERGE_FAST_ONLY=1)"
  exit 0
fi

echo "== real tier: installing and starting the local stack"
deploy/local/install.sh
deploy/local/up.sh
trap 'deploy/local/down.sh >/dev/null 2>&1 || true' EXIT
deploy/local/smoke.sh
mvn -B -pl e2e verify -Dit.skip=false
echo "== all tiers passed in $(( $(date +%s) - started ))s"
