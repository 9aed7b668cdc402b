#!/usr/bin/env bash
# bench/run.sh: converge against Helm 3 (and Helm 4) on the same cluster, same charts, alternately.
#   bench/run.sh                      sizes 100,1000,2000, 3 rounds, near cluster, Helm 4 when built
#   bench/run.sh --quick              100 objects, 3 rounds, Helm 3 only: fails only if converge's install
#                                     + upgrade (medians) took longer than Helm 3's in the same run
#   bench/run.sh --far 20             the API server behind a 20 ms round-trip proxy (all tools alike)
#   bench/run.sh --sizes 100 --rounds 5 --helm4 --concurrency 50
#   bench/run.sh --fairness 50 --tries 5   50 converges of one tenant, then one of another, 5 times
#                                     (no size runs unless --sizes is given too)
#   bench/run.sh --chart DIR|oci://... [--chart-set k=v,...] ...   a real chart installed by each
#                                     tool in turn, --rounds times, on a clean cluster state each
#                                     time (no size runs unless --sizes is given too)
# Prints medians (min-max) and ratios converge/Helm; writes the same as JSON under bench/results/.
# Uses the local stack (deploy/local/up.sh; a running deploy/run.sh stack is reused) and starts its
# own converge worker and API (task queue converge-bench, API port 18080), stopped at exit.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source deploy/local/lib.sh

SIZES=100,1000,2000; ROUNDS=3; FAR=0; QUICK=0; HELM4=auto; CONCURRENCY=0; FAIRNESS=0; TRIES=5
SIZES_GIVEN=0; CHARTS=(); CHART_SETS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1; SIZES=100; ROUNDS=3; HELM4=no; shift ;;
    --sizes) SIZES="$2"; SIZES_GIVEN=1; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --far) FAR="$2"; shift 2 ;;
    --helm4) HELM4=yes; shift ;;
    --no-helm4) HELM4=no; shift ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --fairness) FAIRNESS="$2"; shift 2 ;;
    --tries) TRIES="$2"; shift 2 ;;
    --chart) CHARTS+=("$2"); CHART_SETS+=(""); shift 2 ;;
    --chart-set) [ ${#CHARTS[@]} -gt 0 ] || die "--chart-set belongs to the --chart before it"
                 CHART_SETS[${#CHARTS[@]}-1]="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done

if { [ "$FAIRNESS" -gt 0 ] || [ ${#CHARTS[@]} -gt 0 ]; } && [ "$SIZES_GIVEN" = 0 ]; then SIZES=""; fi
WORK="$ROOT/target/bench"
RESULTS="$ROOT/bench/results"
mkdir -p "$WORK/charts" "$RESULTS"
PIDS_BENCH=()
cleanup() { for p in "${PIDS_BENCH[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# ---------------------------------------------------------------- stack, tools, converge
deploy/local/install.sh >/dev/null
# The fake nodes take every pod of the largest chart twice over (a rolling upgrade surges).
KWOK_NODE_PODS="${BENCH_NODE_PODS:-600}" deploy/local/up.sh >/dev/null
HELM3="$BIN/helm"
HELM4_BIN="$CACHE/bin-bench/helm4"
if [ "$HELM4" = yes ] && [ ! -x "$HELM4_BIN" ]; then
  log "building Helm 4 (helm.sh/helm/v4/cmd/helm@v4.3.1) once, into $HELM4_BIN"
  mkdir -p "$(dirname "$HELM4_BIN")"
  GOBIN="$(dirname "$HELM4_BIN")" /usr/local/go/bin/go install helm.sh/helm/v4/cmd/helm@v4.3.1
  mv "$(dirname "$HELM4_BIN")/helm" "$HELM4_BIN"
fi
[ "$HELM4" != no ] && [ -x "$HELM4_BIN" ] || HELM4_BIN=""

KUBE="$KUBECONFIG_ADMIN"
if [ "$FAR" != 0 ]; then
  python3 bench/latency_proxy.py 16444 "127.0.0.1:$APISERVER_PORT" "$FAR" & PIDS_BENCH+=($!)
  KUBE="$WORK/kubeconfig-far"
  sed "s#https://127.0.0.1:$APISERVER_PORT#https://127.0.0.1:16444#" "$KUBECONFIG_ADMIN" > "$KUBE"
  sleep 0.5
fi

[ -f worker/target/worker-0.1.0-SNAPSHOT.jar ] && [ -f api/target/api-0.1.0-SNAPSHOT.jar ] \
  || (log "building converge (mvn install, tests skipped)"; mvn -B -q -DskipTests install)
TOKEN="bench-$RANDOM$RANDOM"
CONVERGE_JAVA_OPTS="${CONVERGE_JAVA_OPTS:-$(cat "$ROOT/deploy/jvm.options")}"   # as deploy/run.sh starts them
API="http://127.0.0.1:18080"
export KUBECONFIG="$KUBE" TEMPORAL_ADDRESS="127.0.0.1:$TEMPORAL_PORT" CONVERGE_CHARTS_DIR="$ROOT" \
  CONVERGE_TASK_QUEUE=converge-bench CONVERGE_WORKER_MANAGEMENT_PORT=0 CONVERGE_MANIFEST_DIR="$WORK/bundles" \
  CONVERGE_MANIFEST_STORE="oci://127.0.0.1:$REGISTRY_PORT/converge/bundles" CONVERGE_PLAIN_HTTP_REGISTRIES="127.0.0.1:$REGISTRY_PORT" \
  CONVERGE_TENANCY_MODE=single-tenant  # as Helm here: the cluster admin, in namespaces the run creates
java $CONVERGE_JAVA_OPTS -jar worker/target/worker-0.1.0-SNAPSHOT.jar > "$WORK/worker.log" 2>&1 & WORKER_PID=$!; PIDS_BENCH+=($WORKER_PID)
CONVERGE_API_PORT=18080 CONVERGE_API_TOKEN="$TOKEN" java $CONVERGE_JAVA_OPTS -jar api/target/api-0.1.0-SNAPSHOT.jar > "$WORK/api.log" 2>&1 & API_PID=$!; PIDS_BENCH+=($API_PID)
for _ in $(seq 1 120); do
  grep -q "Started ConvergeWorkerApplication" "$WORK/worker.log" && grep -q "Started ConvergeApiApplication" "$WORK/api.log" && break
  sleep 0.5
done
grep -q "Started ConvergeApiApplication" "$WORK/api.log" || die "converge did not start: see $WORK/api.log, $WORK/worker.log"

# ---------------------------------------------------------------- the runs
# An install and an upgrade before any measurement: the worker's first renders, watches and code
# paths warm up once, as on any worker that has been running for a while.
python3 bench/gen_chart.py "$WORK/charts/warmup" 100
WARMUP_NS="bench-warmup-$RANDOM"
for v in 1 2; do
  curl -s -o /dev/null -XPOST "$API/api/v1/converges?wait=true" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"release\":\"warmup\",\"namespace\":\"$WARMUP_NS\",\"chart\":\"target/bench/charts/warmup\",\"set\":[\"version=$v\"]}"
done
kc delete namespace "$WARMUP_NS" --wait=false >/dev/null 2>&1 || true
RUNS="$WORK/runs.ndjson"; : > "$RUNS"
now() { date +%s.%N; }
record() { # size tool phase seconds ok [workflowId runId cpuSeconds chart]
  printf '{"size":%s,"tool":"%s","phase":"%s","seconds":%s,"ok":%s,"workflowId":"%s","runId":"%s","cpu":%s,"chart":"%s"}\n' "$1" "$2" "$3" "$4" "$5" "${6:-}" "${7:-}" "${8:-null}" "${9:-}" >> "$RUNS"
}
TICKS=$(getconf CLK_TCK)
# CPU seconds so far: converge's worker and API processes with their waited-for children (the Helm
# render binary); the shell's waited-for children (helm).
converge_cpu() { awk -v t="$TICKS" '{s += $14 + $15 + $16 + $17} END {printf "%.2f", s / t}' "/proc/$WORKER_PID/stat" "/proc/$API_PID/stat"; }
# `times` runs in this shell, not in a $(...) subshell, whose counters start at zero.
children_cpu() { times > "$WORK/times"; tail -1 "$WORK/times" | awk '{gsub(/s/, "", $1); gsub(/s/, "", $2); split($1, u, "m"); split($2, y, "m"); printf "%.2f", u[1] * 60 + u[2] + y[1] * 60 + y[2]}'; }
run_id() { # workflowId: its latest run, the one that just ended
  "$BIN/temporal" workflow describe -w "$1" --address "127.0.0.1:$TEMPORAL_PORT" -o json 2>/dev/null \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["workflowExecutionInfo"]["execution"]["runId"])' 2>/dev/null || true
}
converge_run() { # size ns chart version phase
  local t0 code c0; t0=$(now); c0=$(converge_cpu)
  code=$(curl -s -o "$WORK/last.json" -w '%{http_code}' -XPOST "$API/api/v1/converges?wait=true" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"release\":\"bench\",\"namespace\":\"$2\",\"chart\":\"$3\",\"set\":[\"version=$4\"],\"timeoutSeconds\":1800}")
  local seconds; seconds=$(awk "BEGIN{print $(now) - $t0}")
  local cpu; cpu=$(awk "BEGIN{print $(converge_cpu) - $c0}")
  record "$1" converge "$5" "$seconds" "$([ "$code" = 200 ] && echo true || echo false)" "converge/default/$2/bench" "$(run_id "converge/default/$2/bench")" "$cpu"
}
helm_run() { # tool binary size ns chart version phase
  local t0 ok=true c0 c1; t0=$(now); children_cpu > "$WORK/cpu0"; c0=$(cat "$WORK/cpu0")
  "$2" --kubeconfig "$KUBE" upgrade --install bench "$5" -n "$4" --create-namespace --wait --timeout 30m \
    --set "version=$6" >/dev/null 2>"$WORK/helm.err" || ok=false
  children_cpu > "$WORK/cpu1"; c1=$(cat "$WORK/cpu1")
  record "$3" "$1" "$7" "$(awk "BEGIN{print $(now) - $t0}")" "$ok" "" "" "$(awk "BEGIN{print $c1 - $c0}")"
}
# Each tool gets the fake nodes' pod capacity to itself: the previous one's namespace goes first.
# --quick (15 pods a namespace) does not wait for it: the deletions then overlap the next run
# of each tool alike, and CI saves about 45 s.
clear_namespace() {
  if [ "$QUICK" = 1 ]; then kc delete namespace "$1" --wait=false >/dev/null 2>&1 || true
  else kc delete namespace "$1" --timeout=120s >/dev/null 2>&1 || true; fi
}
IFS=, read -ra SIZE_LIST <<< "$SIZES"
for size in "${SIZE_LIST[@]}"; do
  chart="target/bench/charts/gen-$size"
  python3 bench/gen_chart.py "$chart" "$size"
  for round in $(seq 1 "$ROUNDS"); do
    log "size $size, round $round/$ROUNDS"
    id="$size-$round-$RANDOM"
    converge_run "$size" "bench-c-$id" "$chart" 1 install
    converge_run "$size" "bench-c-$id" "$chart" 2 upgrade
    clear_namespace "bench-c-$id"
    helm_run helm3 "$HELM3" "$size" "bench-h3-$id" "$chart" 1 install
    helm_run helm3 "$HELM3" "$size" "bench-h3-$id" "$chart" 2 upgrade
    clear_namespace "bench-h3-$id"
    if [ -n "$HELM4_BIN" ]; then
      helm_run helm4 "$HELM4_BIN" "$size" "bench-h4-$id" "$chart" 1 install
      helm_run helm4 "$HELM4_BIN" "$size" "bench-h4-$id" "$chart" 2 upgrade
      clear_namespace "bench-h4-$id"
    fi
  done
done

if [ "$CONCURRENCY" -gt 0 ]; then
  log "concurrency: one lone converge of examples/shop, then $CONCURRENCY at once"
  t0=$(now); curl -s -o /dev/null -XPOST "$API/api/v1/converges?wait=true" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -d "{\"release\":\"shop\",\"namespace\":\"bench-lone-$RANDOM\",\"chart\":\"examples/shop\"}"
  record 0 lone concurrency "$(awk "BEGIN{print $(now) - $t0}")" true
  CONC_PIDS=()
  for i in $(seq 1 "$CONCURRENCY"); do
    ( t0=$(now); code=$(curl -s -o /dev/null -w '%{http_code}' -XPOST "$API/api/v1/converges?wait=true" -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' -d "{\"release\":\"shop\",\"namespace\":\"bench-conc-$i-$RANDOM\",\"chart\":\"examples/shop\"}")
      record 0 concurrent concurrency "$(awk "BEGIN{print $(now) - $t0}")" "$([ "$code" = 200 ] && echo true || echo false)" ) &
    CONC_PIDS+=($!)
  done
  wait "${CONC_PIDS[@]}"   # not the worker and API, which run in the background too
  kc get namespaces -o name | grep -E '^namespace/bench-(conc|lone)-' | xargs -r kc delete --wait=false >/dev/null 2>&1 || true
fi

shop_run() { # tool phase ns release: one converge of examples/shop, recorded as (0, tool, phase)
  local t0 code; t0=$(now)
  code=$(curl -s -o /dev/null -w '%{http_code}' -XPOST "$API/api/v1/converges?wait=true" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -d "{\"release\":\"$4\",\"namespace\":\"$3\",\"chart\":\"examples/shop\",\"timeoutSeconds\":1800}")
  record 0 "$1" "$2" "$(awk "BEGIN{print $(now) - $t0}")" "$([ "$code" = 200 ] && echo true || echo false)"
}
if [ "$FAIRNESS" -gt 0 ]; then
  # Tenants are kube context + namespace: the flood is one namespace, the lone converge another.
  for try in $(seq 1 "$TRIES"); do
    log "fairness $try/$TRIES: a lone converge alone, then $FAIRNESS of one tenant and the lone one a second later"
    alone_ns="bench-alone-$try-$RANDOM"; lone_ns="bench-lone-$try-$RANDOM"
    shop_run lone alone "$alone_ns" shop
    flood_ns="bench-flood-$try-$RANDOM"; FLOOD_PIDS=()
    for i in $(seq 1 "$FAIRNESS"); do shop_run flood fairness "$flood_ns" "shop$i" & FLOOD_PIDS+=($!); done
    sleep 1
    shop_run lone flooded "$lone_ns" shop
    wait "${FLOOD_PIDS[@]}"
    # all three: kwok's nodes hold 220 pods, and namespaces left behind fill them within a few runs
    for ns in "$flood_ns" "$alone_ns" "$lone_ns"; do kc delete namespace "$ns" --wait=false >/dev/null 2>&1 || true; done
  done
fi

if [ "$FAIRNESS" -gt 0 ]; then
  # The same tries with the Helm 3 client, for a ratio measured on the same machine in the same run.
  helm_shop() { # tool phase ns release
    local t0 ok=true; t0=$(now)
    "$HELM3" --kubeconfig "$KUBE" upgrade --install "$4" examples/shop -n "$3" --create-namespace --wait \
      --timeout 30m >/dev/null 2>>"$WORK/helm-fairness.err" || ok=false
    record 0 "$1" "$2" "$(awk "BEGIN{print $(now) - $t0}")" "$ok"
  }
  for try in $(seq 1 "$TRIES"); do
    log "fairness with Helm 3 $try/$TRIES: the same lone install, flood and lone install under it"
    alone_ns="bench-h-alone-$try-$RANDOM"; lone_ns="bench-h-lone-$try-$RANDOM"; flood_ns="bench-h-flood-$try-$RANDOM"
    helm_shop lone-helm3 alone "$alone_ns" shop
    FLOOD_PIDS=()
    kc create namespace "$flood_ns" >/dev/null   # not 50 --create-namespace racing each other
    for i in $(seq 1 "$FAIRNESS"); do helm_shop flood-helm3 fairness "$flood_ns" "shop$i" & FLOOD_PIDS+=($!); done
    sleep 1
    helm_shop lone-helm3 flooded "$lone_ns" shop
    wait "${FLOOD_PIDS[@]}"
    for ns in "$flood_ns" "$alone_ns" "$lone_ns"; do kc delete namespace "$ns" --wait=false >/dev/null 2>&1 || true; done
  done
fi

source bench/charts.sh

WORKER_RSS_PEAK_KB=$(awk '/VmHWM/ {print $2}' "/proc/$WORKER_PID/status" 2>/dev/null || echo 0)
python3 bench/report.py "$RUNS" "$RESULTS" "$FAR" "$QUICK" "$WORKER_RSS_PEAK_KB" "127.0.0.1:$TEMPORAL_PORT"
