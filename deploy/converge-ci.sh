#!/usr/bin/env bash
# converge-ci.sh: one CI step that starts a converge through the REST API, streams its progress
# to stdout, writes the JSON report to a file and exits with the outcome.
#
#   deploy/converge-ci.sh --api http://converge:8080 --report report.json \
#     --release shop --namespace shop-prod --chart examples/shop \
#     --values-file examples/shop/values-prod.yaml --set image.tag=1.2.3
#   deploy/converge-ci.sh --data '{"release":"shop","namespace":"shop","chart":"examples/shop"}'
#   deploy/converge-ci.sh --data @request.json
#   deploy/converge-ci.sh --publish-bundle --chart examples/shop --values-file examples/shop/values-prod.yaml \
#     --env production --repository oci://registry.internal/bundles/shop --tag 1.4.0 --report bundle.json
#   deploy/converge-ci.sh --copy-bundle --from oci://registry.internal/bundles/shop:1.4.0 \
#     --to oci://registry.acceptance/bundles/shop
#   deploy/converge-ci.sh --plan --release shop --namespace shop-prod --chart examples/shop   (exit 0/2/1)
#   deploy/converge-ci.sh --rollback --release shop --namespace shop-prod [--revision 3]
#   deploy/converge-ci.sh --dismiss --release shop --namespace shop-review [--delete-namespace]
#   deploy/converge-ci.sh --drift --release shop --namespace shop-prod [--correct]   (exit 0/3/1)
#
# Token: --token or $CONVERGE_API_TOKEN. API: --api or $CONVERGE_API (default http://127.0.0.1:8080).
# Exit codes: 0 deployed or skipped; 1 the converge failed or was canceled (report written);
# 2 refused before starting (bad input 400, auth 401/403, already running 409) or API unreachable.
# Plan: 0 no changes, 2 changes (operations and diffs printed), 1 the plan failed or was refused.
# Rollback and dismiss: 0 done, 1 failed, 2 refused before starting.
# Drift: one check now with the schedule's ignore rules: 0 in sync, 3 drifted (each object and field
# printed; with --correct also put back), 1 could not tell (no deployed revision, a deploy running).
# Bundles: 0 published or copied (also when the tag held this very content), 1 refused by the
# registry or the tag holds other content (409), 2 as above; the result JSON goes to --report.
# Needs bash, curl and jq. SIGINT/SIGTERM (a CI job being canceled) cancel the converge too, so
# its compensation deletes what it created.
set -uo pipefail

API="${CONVERGE_API:-http://127.0.0.1:8080}"
TOKEN="${CONVERGE_API_TOKEN:-}"
REPORT=""
DATA=""
RAW=0
MODE=converge
DELETE_NAMESPACE=false
REVISION=0
DRIFT_MODE=warn
declare -a FLAGS=()

usage() { sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
die() { echo "converge-ci: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --api) API="$2"; shift 2 ;;
    --token) TOKEN="$2"; shift 2 ;;
    --report) REPORT="$2"; shift 2 ;;
    --data) DATA="$2"; shift 2 ;;
    --raw) RAW=1; shift ;;  # print the NDJSON event lines as they come, unformatted
    --publish-bundle) MODE=publish; shift ;;
    --copy-bundle) MODE=copy; shift ;;
    --plan) MODE=plan; shift ;;
    --rollback) MODE=rollback; shift ;;
    --dismiss) MODE=dismiss; shift ;;
    --drift) MODE=drift; shift ;;
    --correct) DRIFT_MODE=correct; shift ;;
    --delete-namespace) DELETE_NAMESPACE=true; shift ;;
    --revision) REVISION="$2"; shift 2 ;;
    --release|--namespace|--chart|--kube-context|--env|--timeout|--values-file|--set|--set-string|--repository|--tag|--from|--to)
      FLAGS+=("$1" "$2"); shift 2 ;;
    -h|--help) usage ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
command -v curl >/dev/null || die "curl not found"
command -v jq >/dev/null || die "jq not found"
[ -n "$TOKEN" ] || die "no token: pass --token or set CONVERGE_API_TOKEN"

# The request: --data as given, else built from the flags (repeatable ones become arrays).
build_request() {
  local json='{}' i key value
  for ((i = 0; i < ${#FLAGS[@]}; i += 2)); do
    key="${FLAGS[i]}"; value="${FLAGS[i+1]}"
    case "$key" in
      --release) json=$(jq --arg v "$value" '.release = $v' <<<"$json") ;;
      --namespace) json=$(jq --arg v "$value" '.namespace = $v' <<<"$json") ;;
      --chart) json=$(jq --arg v "$value" '.chart = $v' <<<"$json") ;;
      --kube-context) json=$(jq --arg v "$value" '.kubeContext = $v' <<<"$json") ;;
      --env) json=$(jq --arg v "$value" '.env = $v' <<<"$json") ;;
      --timeout) json=$(jq --argjson v "$value" '.timeoutSeconds = $v' <<<"$json") ;;
      --values-file) json=$(jq --arg v "$value" '.valuesFiles += [$v]' <<<"$json") ;;
      --set) json=$(jq --arg v "$value" '.set += [$v]' <<<"$json") ;;
      --set-string) json=$(jq --arg v "$value" '.setString += [$v]' <<<"$json") ;;
      --repository) json=$(jq --arg v "$value" '.repository = $v' <<<"$json") ;;
      --tag) json=$(jq --arg v "$value" '.tag = $v' <<<"$json") ;;
      --from) json=$(jq --arg v "$value" '.from = $v' <<<"$json") ;;
      --to) json=$(jq --arg v "$value" '.to = $v' <<<"$json") ;;
    esac
  done
  echo "$json"
}
if [ -n "$DATA" ]; then
  if [ "${DATA:0:1}" = "@" ]; then DATA=$(cat "${DATA:1}") || die "cannot read ${DATA:1}"; fi
  REQUEST="$DATA"
else
  REQUEST=$(build_request) || die "bad flag value"
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
AUTH=(-H "Authorization: Bearer $TOKEN")

# Plan: operations and diffs, exit code from the plan.
if [ "$MODE" = plan ]; then
  code=$(curl -sS -o "$WORK/plan.json" -w '%{http_code}' "${AUTH[@]}" -H 'Content-Type: application/json' \
    -X POST "$API/api/v1/plans?wait=true" --data-binary "$REQUEST") || { echo "converge-ci: API $API not reachable" >&2; exit 1; }
  [ -n "$REPORT" ] && cp "$WORK/plan.json" "$REPORT"
  if [ "$code" != 200 ]; then
    echo "converge-ci: plan failed (HTTP $code): $(jq -r '.error // .' "$WORK/plan.json" 2>/dev/null || cat "$WORK/plan.json")" >&2
    jq -r '.fields[]? | "  \(.field): \(.message)"' "$WORK/plan.json" >&2 2>/dev/null
    exit 1
  fi
  jq -r '"plan \(.planDigest): " + (if .changes then "\(.operations|length) operations, revision \(.revision) (\(.deployType))" else "no changes" end),
    (.operations[] | "  \(.stage)  \(.operation) \(.resource)"),
    (.diffs[] | select(.change != "unchanged") | "--- \(.resource) (\(.change))\n\(.diff)")' "$WORK/plan.json"
  exit "$(jq -r '.exitCode' "$WORK/plan.json")"
fi

# Drift: one blocking check of the release.
if [ "$MODE" = drift ]; then
  release=$(jq -r '.release // empty' <<<"$REQUEST"); namespace=$(jq -r '.namespace // empty' <<<"$REQUEST")
  context=$(jq -r '.kubeContext // "default"' <<<"$REQUEST")
  [ -n "$release" ] && [ -n "$namespace" ] || die "--drift needs --release and --namespace"
  code=$(curl -sS -o "$WORK/run.json" -w '%{http_code}' "${AUTH[@]}" -H 'Content-Type: application/json' \
    -X POST "$API/api/v1/releases/$namespace/$release/drift/check?kubeContext=$context&wait=true" \
    --data-binary "{\"mode\":\"$DRIFT_MODE\"}") || die "API $API not reachable"
  [ -n "$REPORT" ] && cp "$WORK/run.json" "$REPORT"
  [ "$code" = 200 ] || { echo "converge-ci: drift check refused with HTTP $code: $(jq -r '.error // .' "$WORK/run.json" 2>/dev/null || cat "$WORK/run.json")" >&2; exit 2; }
  jq -r '"drift of \(.release) (revision \(.revision), \(.checked) objects): \(.state)" + (if .message then ": \(.message)" else "" end),
    (.drifted[] | "  \(.display): " + (if .missing then "missing" else ([.fields[] | "\(.path) \(.expected // "(none)") -> \(.actual // "(none)")"] | join("; ")) end)),
    (if (.corrected | length) > 0 then "  corrected: \(.corrected | join(", "))" else empty end)' "$WORK/run.json"
  case "$(jq -r .state "$WORK/run.json")" in
    IN_SYNC) exit 0 ;;
    DRIFTED) exit 3 ;;
    *) exit 1 ;;
  esac
fi

# Rollback and dismiss: one blocking call on the release.
if [ "$MODE" = rollback ] || [ "$MODE" = dismiss ]; then
  release=$(jq -r '.release // empty' <<<"$REQUEST"); namespace=$(jq -r '.namespace // empty' <<<"$REQUEST")
  context=$(jq -r '.kubeContext // "default"' <<<"$REQUEST")
  [ -n "$release" ] && [ -n "$namespace" ] || die "--$MODE needs --release and --namespace"
  query="kubeContext=$context&wait=true"
  [ "$MODE" = rollback ] && query="$query&revision=$REVISION"
  [ "$MODE" = dismiss ] && query="$query&deleteNamespace=$DELETE_NAMESPACE"
  code=$(curl -sS -o "$WORK/run.json" -w '%{http_code}' "${AUTH[@]}" -X POST \
    "$API/api/v1/releases/$namespace/$release/$MODE?$query") || die "API $API not reachable"
  [ -n "$REPORT" ] && cp "$WORK/run.json" "$REPORT"
  case "$code" in
    200) jq -r 'if .deleted then "dismissed \(.release) (revision \(.revision)): \(.deleted|length) deleted, kept: \(.kept|join(", "))"
          else "rolled back \(.release): revision \(.revision) deployed from \(.chart)" end' "$WORK/run.json"; exit 0 ;;
    422) echo "converge-ci: $MODE failed: $(jq -r '.error // .' "$WORK/run.json")" >&2; exit 1 ;;
    *) echo "converge-ci: $MODE refused with HTTP $code: $(jq -r '.error // .' "$WORK/run.json" 2>/dev/null || cat "$WORK/run.json")" >&2; exit 2 ;;
  esac
fi

# Bundles: one blocking call; the answer is the result (or why not).
if [ "$MODE" != converge ]; then
  code=$(curl -sS -o "$WORK/bundle.json" -w '%{http_code}' "${AUTH[@]}" -H 'Content-Type: application/json' \
    -X POST "$API/api/v1/bundles/$MODE?wait=true" --data-binary "$REQUEST") || die "API $API not reachable"
  [ -n "$REPORT" ] && cp "$WORK/bundle.json" "$REPORT"
  case "$code" in
    200)
      if [ "$MODE" = publish ]; then
        jq -r '"published \(.repository):\(.tag)@\(.digest) (chart \(.chartName) \(.chartVersion), \(.size) bytes)"
          + (if .alreadyPublished then "; the tag held this content already" else "" end)
          + (if .note then "\nnote: \(.note)" else "" end)' "$WORK/bundle.json"
      else
        jq -r '"copied \(.from) -> \(.to)@\(.digest)" + (if .alreadyPresent then " (already there)" else "" end)' "$WORK/bundle.json"
      fi
      exit 0 ;;
    409|422)
      echo "converge-ci: bundle $MODE failed (HTTP $code): $(jq -r '.error // .' "$WORK/bundle.json")" >&2
      exit 1 ;;
    *)
      echo "converge-ci: bundle $MODE refused with HTTP $code: $(jq -r '.error // .' "$WORK/bundle.json" 2>/dev/null || cat "$WORK/bundle.json")" >&2
      jq -r '.fields[]? | "  \(.field): \(.message)"' "$WORK/bundle.json" >&2 2>/dev/null
      exit 2 ;;
  esac
fi

# 1. Start. Anything but 202 means nothing runs: say why and stop.
code=$(curl -sS -o "$WORK/start.json" -w '%{http_code}' "${AUTH[@]}" -H 'Content-Type: application/json' \
  -X POST "$API/api/v1/converges" --data-binary "$REQUEST") || die "API $API not reachable"
if [ "$code" != 202 ]; then
  echo "converge-ci: start refused with HTTP $code: $(jq -r '.error // .' "$WORK/start.json" 2>/dev/null || cat "$WORK/start.json")" >&2
  jq -r '.fields[]? | "  \(.field): \(.message)"' "$WORK/start.json" >&2 2>/dev/null
  exit 2
fi
WORKFLOW_ID=$(jq -r .workflowId "$WORK/start.json")
RUN_ID=$(jq -r .runId "$WORK/start.json")
echo "converge-ci: started $WORKFLOW_ID (run $RUN_ID)"

# A canceled CI job cancels the converge: its compensation runs on the worker.
on_signal() {
  echo "converge-ci: interrupted, canceling $WORKFLOW_ID" >&2
  curl -sS -o /dev/null "${AUTH[@]}" -X POST "$API/api/v1/converges/$WORKFLOW_ID/cancel"
  kill $(jobs -p) 2>/dev/null
  exit 130
}
trap on_signal INT TERM

format() {
  if [ "$RAW" = 1 ]; then cat; return; fi
  jq --unbuffered -r '
    if .type == "run" then "run \(.runId): \(.status)"
    elif .type == "progress" then
      "[\(.phase)] \(.step // "")" + ([.resources[]? | "\n  \(.resource)  \(.state)  \(.info // "")\(if .lastError then "  " + .lastError else "" end)"] | join(""))
    elif .type == "operation" then
      if .operation.status == "PENDING" then empty
      else "  op \(.operation.status) \(.operation.id)" end
    elif .type == "log" then "  | \(.line)"
    elif .type == "end" then "end: \(.status) \(.outcome)\(if .error then ": " + .error else "" end)"
    else "\(.type): \(.error // .)" end'
}

# 2. Follow the events stream; keep the last line, it carries the outcome and the report.
curl -sS -N "${AUTH[@]}" "$API/api/v1/converges/$WORKFLOW_ID/events" \
  | tee "$WORK/events.ndjson" | format &
wait $! || true
END=$(grep '"type":"end"' "$WORK/events.ndjson" | tail -1)

# 3. The stream can break (proxy timeout, API restart): then wait for the end by polling status.
if [ -z "$END" ]; then
  echo "converge-ci: events stream ended early, polling status" >&2
  while :; do
    status=$(curl -sS "${AUTH[@]}" "$API/api/v1/converges/$WORKFLOW_ID") || { sleep 5; continue; }
    if [ "$(jq -r .runId <<<"$status")" = "$RUN_ID" ] && [ "$(jq -r .status <<<"$status")" != RUNNING ]; then
      END=$(jq -c '{type: "end", status, outcome, error, report}' <<<"$status")
      echo "$END" | format
      break
    fi
    sleep 5
  done
fi

# 4. Report and exit code. Without a report (terminated run), the end event itself is written.
if [ -n "$REPORT" ]; then
  jq '.report // .' <<<"$END" >"$REPORT" || die "cannot write $REPORT"
  echo "converge-ci: report written to $REPORT"
fi
case "$(jq -r .outcome <<<"$END")" in
  DEPLOYED|SKIPPED) exit 0 ;;
  *) exit 1 ;;
esac
