#!/usr/bin/env bash
# Schemathesis (PyPI) against the running API's OpenAPI document: generated requests for every
# operation, bounded, failing on any 5xx. Reads the token deploy/run.sh keeps.
#   deploy/schemathesis.sh                          API at http://127.0.0.1:8080
#   CONVERGE_API=http://127.0.0.1:18080 CONVERGE_API_TOKEN=... deploy/schemathesis.sh
set -euo pipefail
STATE="${CONVERGE_STATE:-$HOME/.cache/converge/state}"
API="${CONVERGE_API:-http://127.0.0.1:8080}"
TOKEN="${CONVERGE_API_TOKEN:-$(cat "$STATE/service/api-token" 2>/dev/null || true)}"
[ -n "$TOKEN" ] || { echo "no token: set CONVERGE_API_TOKEN or run deploy/run.sh" >&2; exit 2; }
MAX_EXAMPLES="${SCHEMATHESIS_MAX_EXAMPLES:-25}"
TIME_LIMIT="${SCHEMATHESIS_TIME_LIMIT:-300}"

VENV="${CONVERGE_CACHE:-$HOME/.cache/converge}/venv-schemathesis"
if [ ! -x "$VENV/bin/schemathesis" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q 'schemathesis>=4,<5'
fi

# not_a_server_error only: 4xx answers to generated junk are right; a 5xx is a bug.
# Starts are sent to namespaces no one uses (generated), and a start that gets through is a real
# converge: run this against a local stack, never against production.
timeout --signal=INT "$TIME_LIMIT" "$VENV/bin/schemathesis" run "$API/v3/api-docs" \
  --header "Authorization: Bearer $TOKEN" \
  --checks not_a_server_error \
  --max-examples "$MAX_EXAMPLES" \
  --request-timeout 20 \
  --exclude-path-regex '/events$' \
  --no-color
