#!/usr/bin/env bash
# Screenshot of the Temporal UI page of one converge run, decoded, kept in docs/ (Playwright driving
# Debian Chromium). It signs in on the API's /codec/login with the all-namespaces token, as a person
# would, so the UI decodes through the browser's session cookie; fails if the input never reads decoded.
#   deploy/screenshot-ui.sh                               newest ConvergeWorkflow run
#   deploy/screenshot-ui.sh converge/default/shop/shop    that workflow id
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${CONVERGE_STATE:-$HOME/.cache/converge/state}"
# shellcheck disable=SC1091
[ -f "$STATE/env.sh" ] && source "$STATE/env.sh"
UI="${TEMPORAL_UI:-http://127.0.0.1:8233}"
API="${CONVERGE_API:-http://127.0.0.1:8080}"
OUT="${SCREENSHOT_OUT:-$ROOT/docs/temporal-ui-converge.png}"
TOKEN="${CONVERGE_TOKEN:-$(cat "$STATE/service/api-token")}"
TOOLS="$HOME/.cache/converge/playwright"

sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian chromium" >&2
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi
if [ ! -d "$TOOLS/node_modules/playwright-core" ]; then
  echo "installing playwright-core (no browser download: it drives /usr/bin/chromium)" >&2
  mkdir -p "$TOOLS" && (cd "$TOOLS" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund playwright-core@1 >/dev/null)
fi

id="${1:-}"
if [ -z "$id" ]; then
  id=$(temporal workflow list --query 'WorkflowType="ConvergeWorkflow"' --limit 1 -o json | jq -r '.[0].execution.workflowId // empty')
fi
[ -n "$id" ] || { echo "no ConvergeWorkflow run found; start one first" >&2; exit 1; }
url="$UI/namespaces/default/workflows/$(jq -rn --arg id "$id" '$id|@uri')"
mkdir -p "$(dirname "$OUT")"
cp "$ROOT/deploy/ui/screenshot.mjs" "$TOOLS/screenshot.mjs"
node "$TOOLS/screenshot.mjs" "$API" "$UI" "$url" "$TOKEN" "$OUT"
