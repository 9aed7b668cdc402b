#!/usr/bin/env bash
# README command 2: all tests. Fast tier (unit, workflow, fabric8 mock server) through Maven
# Surefire, then the real tier (*IT, Failsafe) against a local stack of its own, which this script
# installs, starts from a clean state and stops again, then bench/run.sh --quick on that stack.
# CONVERGE_FAST_ONLY=1 skips the real tier and the bench.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
started=$(date +%s)

# The fast tier builds the Go render binding, so it needs Java, Maven and Go (1.25+, which
# Debian does not package: our machines carry it in /usr/local/go) before anything else.
if ! command -v mvn >/dev/null; then
  [ "$(id -u)" = 0 ] && SUDO="" || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends maven
fi
[ -x /usr/local/go/bin/go ] || command -v go >/dev/null || { echo "test.sh: Go 1.25+ not found (expected /usr/local/go)" >&2; exit 1; }

echo "== fast tier"
mvn -B install

if [ "${CONVERGE_FAST_ONLY:-0}" = 1 ]; then
  echo "== real tier skipped (CONVERGE_FAST_ONLY=1)"
  exit 0
fi

# The tests' stack keeps its state apart from deploy/run.sh's and is purged before and after,
# so every run starts from an empty cluster and Temporal database.
export CONVERGE_STATE="${CONVERGE_TEST_STATE:-${CONVERGE_CACHE:-$HOME/.cache/converge}/state-test}"
# shellcheck source=local/lib.sh
source deploy/local/lib.sh
if (exec 3<>"/dev/tcp/127.0.0.1/$APISERVER_PORT") 2>/dev/null && [ -z "$(pid_of kube-apiserver)" ]; then
  die "port $APISERVER_PORT is taken (a stack from deploy/run.sh?): stop it with deploy/stop.sh, then rerun"
fi

echo "== real tier: installing and starting a fresh local stack ($CONVERGE_STATE)"
deploy/local/install.sh
deploy/local/down.sh --purge >/dev/null 2>&1 || true
deploy/local/up.sh
trap 'deploy/local/down.sh --purge >/dev/null 2>&1 || true' EXIT
deploy/local/smoke.sh
mvn -B -pl e2e verify -Dit.skip=false
# Speed is a contract too: a ratio against Helm 3 measured on this machine in the same run, never
# an absolute time (bench/run.sh --quick fails only when converge is slower than Helm 3).
echo "== bench --quick: converge against Helm 3, 100 objects"
bench/run.sh --quick
echo "== all tiers passed in $(( $(date +%s) - started ))s"
