#!/usr/bin/env bash
# Screenshot of the Temporal UI page of one converge run, kept in docs/ (headless Chromium, Debian).
#   deploy/screenshot-ui.sh                               newest ConvergeWorkflow run
#   deploy/screenshot-ui.sh converge/default/shop/shop    that workflow id
# The codec server wants a bearer token on every call and the dev server's UI sends none, so the
# UI shows payloads encrypted (an Origin header is no credential); read them decoded with the CLI
# (temporal workflow show --codec-endpoint ... --codec-auth "Bearer $T").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${CONVERGE_STATE:-$HOME/.cache/converge/state}"
# shellcheck disable=SC1091
[ -f "$STATE/env.sh" ] && source "$STATE/env.sh"
UI="${TEMPORAL_UI:-http://127.0.0.1:8233}"
OUT="${SCREENSHOT_OUT:-$ROOT/docs/temporal-ui-converge.png}"

if ! command -v chromium >/dev/null; then
  echo "installing Debian chromium" >&2
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

id="${1:-}"
if [ -z "$id" ]; then
  id=$(temporal workflow list --query 'WorkflowType="ConvergeWorkflow"' --limit 1 -o json | jq -r '.[0].execution.workflowId // empty' 2>/dev/null \
    || temporal workflow list --query 'WorkflowType="ConvergeWorkflow"' --limit 1 -o jsonl | jq -r '.execution.workflowId')
fi
[ -n "$id" ] || { echo "no ConvergeWorkflow run found; start one first" >&2; exit 1; }
url="$UI/namespaces/default/workflows/$(jq -rn --arg id "$id" '$id|@uri')"

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
mkdir -p "$(dirname "$OUT")"
# The UI is a single-page app: give its API calls time before the picture is taken.
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$profile" --virtual-time-budget=15000 \
  --screenshot="$OUT" --window-size=1400,1000 "$url" >/dev/null 2>&1
echo "screenshot of $url written to $OUT"
