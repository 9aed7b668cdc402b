#!/usr/bin/env bash
# README command 1: build converge, bring up the local stack (Kubernetes with kwok nodes,
# Temporal dev server with UI, OCI registry), then start the worker and the API as two processes.
#   deploy/run.sh                      everything local
#   deploy/run.sh --kubeconfig FILE    deploy to the cluster of FILE instead of the local one
# Stop with deploy/stop.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=local/lib.sh
source "$ROOT/deploy/local/lib.sh"
TARGET_KUBECONFIG=""
while [ $# -gt 0 ]; do
  case "$1" in
    --kubeconfig) TARGET_KUBECONFIG="$2"; shift 2 ;;
    *) die "unknown argument $1 (use --kubeconfig FILE)" ;;
  esac
done
SERVICE="$STATE/service"
mkdir -p "$SERVICE"

"$ROOT/deploy/local/install.sh"
"$ROOT/deploy/local/up.sh"
# shellcheck disable=SC1091
source "$STATE/env.sh"
[ -n "$TARGET_KUBECONFIG" ] && export KUBECONFIG="$TARGET_KUBECONFIG"

log "building converge (mvn package, tests skipped: deploy/test.sh runs them)"
(cd "$ROOT" && mvn -B -q -DskipTests install)

# deploy/jvm.options, shared with bench/ and the ITs: C1 only (the services wait on the network, and
# C2's compiler threads otherwise take more CPU than the deploys themselves for the first hundreds
# of converges: 1.5 s less CPU per 100-object converge on 2 cores) and the serial collector (a fifth
# less CPU than G1 for heaps this small); docs/operations.md has the bench figures.
CONVERGE_JAVA_OPTS="${CONVERGE_JAVA_OPTS:-$(cat "$ROOT/deploy/jvm.options")}"
start() {
  local name="$1" jar="$2"
  local pidfile="$SERVICE/$name.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    log "$name already running (pid $(cat "$pidfile")), restarting it"
    kill "$(cat "$pidfile")" && sleep 2
  fi
  CONVERGE_CHARTS_DIR="$ROOT" CONVERGE_MANIFEST_STORE="oci://127.0.0.1:$REGISTRY_PORT/converge/bundles" CONVERGE_PLAIN_HTTP_REGISTRIES="127.0.0.1:$REGISTRY_PORT,127.0.0.1:$REGISTRY_AUTH_PORT" CONVERGE_DOCKER_CONFIG="$STATE/registry-auth/docker-config.json" \
    nohup java $CONVERGE_JAVA_OPTS -jar "$jar" > "$SERVICE/$name.log" 2>&1 &
  echo $! > "$pidfile"
}
# The API refuses every call without a bearer token: one all-access token for this machine, kept.
if [ -z "${CONVERGE_API_TOKEN:-}" ]; then
  [ -s "$SERVICE/api-token" ] || od -An -tx1 -N16 /dev/urandom | tr -d ' \n' > "$SERVICE/api-token"
  CONVERGE_API_TOKEN=$(cat "$SERVICE/api-token")
fi
export CONVERGE_API_TOKEN
# A token per team, each confined to its own namespace and chart directory (examples/): the
# worker runs in tenant mode, so what a team's chart may do is what its deployer may do.
for team in team-a team-b; do
  [ -s "$SERVICE/api-token-$team" ] || od -An -tx1 -N16 /dev/urandom | tr -d ' \n' > "$SERVICE/api-token-$team"
done
(umask 077 && cat > "$SERVICE/api-tokens.yml" <<YAML
converge:
  api:
    tokens:
      - {name: local, token: "$CONVERGE_API_TOKEN", contexts: ["*"], namespaces: ["*"], charts: ["*"], registries: ["*"]}
      - {name: team-a, token: "$(cat "$SERVICE/api-token-team-a")", contexts: [default], namespaces: [team-a], charts: [examples], registries: []}
      - {name: team-b, token: "$(cat "$SERVICE/api-token-team-b")", contexts: [default], namespaces: [team-b], charts: [examples], registries: []}
YAML
)
export SPRING_CONFIG_ADDITIONAL_LOCATION="file:$SERVICE/api-tokens.yml"
# Workflow history is encrypted (AES-GCM payload codec): one key for this machine, kept like the
# token; worker and API must share it. A key set from outside (CONVERGE_CODEC_ACTIVE_KEY) wins.
if [ -z "${CONVERGE_CODEC_ACTIVE_KEY:-}" ]; then
  [ -s "$SERVICE/codec-key" ] || (umask 077 && head -c 32 /dev/urandom | base64 > "$SERVICE/codec-key")
  export CONVERGE_CODEC_KEYS_LOCAL="$(cat "$SERVICE/codec-key")" CONVERGE_CODEC_ACTIVE_KEY=local
fi
start worker "$ROOT/worker/target/worker-0.1.0-SNAPSHOT.jar"
start api "$ROOT/api/target/api-0.1.0-SNAPSHOT.jar"

for _ in $(seq 1 90); do
  grep -q "Started ConvergeApiApplication" "$SERVICE/api.log" 2>/dev/null \
    && grep -q "Started ConvergeWorkerApplication" "$SERVICE/worker.log" 2>/dev/null && break
  sleep 1
done
grep -q "Started ConvergeWorkerApplication" "$SERVICE/worker.log" || die "worker did not start, see $SERVICE/worker.log"
grep -q "Started ConvergeApiApplication" "$SERVICE/api.log" || die "API did not start, see $SERVICE/api.log"

cat <<MSG

converge is running.
  worker      pid $(cat "$SERVICE/worker.pid"), log $SERVICE/worker.log (task queue converge, $(grep -o 'converge worker in .*' "$SERVICE/worker.log" | head -1 | cut -c20-))
  API         http://127.0.0.1:8080, log $SERVICE/api.log
  Temporal UI http://127.0.0.1:$TEMPORAL_UI_PORT
  kubectl     source $STATE/env.sh   (KUBECONFIG=$KUBECONFIG)

Start a converge from the temporal CLI:
  temporal workflow start --task-queue converge --type ConvergeWorkflow \\
    --workflow-id converge/default/shop/shop \\
    --input '{"release":"shop","namespace":"shop","chart":"examples/shop","valuesFiles":["examples/shop/values-prod.yaml"]}'
  temporal workflow describe --workflow-id converge/default/shop/shop
  temporal workflow query --workflow-id converge/default/shop/shop --type progress \\
    --codec-endpoint http://127.0.0.1:8080/codec --codec-auth "Bearer $CONVERGE_API_TOKEN"
  (payloads are encrypted: without --codec-endpoint results and progress read as binary/encrypted)

or with curl (waits for the end, prints the report):
  curl -s -XPOST 'http://127.0.0.1:8080/api/v1/converges?wait=true' -H 'Content-Type: application/json' \\
    -H "Authorization: Bearer $CONVERGE_API_TOKEN" -d '{"release":"shop","namespace":"shop","chart":"examples/shop"}'

or as a CI job would (streams progress, writes the report, exits with the outcome):
  CONVERGE_API_TOKEN=$CONVERGE_API_TOKEN deploy/converge-ci.sh --report /tmp/report.json \\
    --release shop --namespace shop --chart examples/shop

Team tokens (tenant mode: each run acts as system:serviceaccount:<namespace>:converge-deployer):
  team-a  $(cat "$SERVICE/api-token-team-a")   namespace team-a, charts under examples/
  team-b  $(cat "$SERVICE/api-token-team-b")   namespace team-b, charts under examples/
  all     $CONVERGE_API_TOKEN   any namespace (namespaces shop, team-a, team-b, platform have deployers)

Stop everything: deploy/stop.sh
MSG
