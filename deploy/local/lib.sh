# shellcheck shell=bash disable=SC2034
# Shared settings for up.sh / down.sh / smoke.sh (sourced, not executed).
# Every value can be overridden from the environment.

LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${CONVERGE_CACHE:-$HOME/.cache/converge}"
BIN="${CONVERGE_BIN:-$CACHE/bin}"
STATE="${CONVERGE_STATE:-$CACHE/state}"
LOGS="$STATE/logs"
PIDS="$STATE/pids"
PKI="$STATE/pki"

APISERVER_PORT="${APISERVER_PORT:-16443}"
ETCD_CLIENT_PORT="${ETCD_CLIENT_PORT:-12379}"
ETCD_PEER_PORT="${ETCD_PEER_PORT:-12380}"
KCM_PORT="${KCM_PORT:-16257}"
SCHEDULER_PORT="${SCHEDULER_PORT:-16259}"
KWOK_PORT="${KWOK_PORT:-16250}"
KWOK_METRICS_PORT="${KWOK_METRICS_PORT:-16251}"
TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-8233}"
TEMPORAL_HTTP_PORT="${TEMPORAL_HTTP_PORT:-7243}"
TEMPORAL_METRICS_PORT="${TEMPORAL_METRICS_PORT:-7244}"
REGISTRY_PORT="${REGISTRY_PORT:-5000}"
# The same registry software with htpasswd auth, so that credentials are proven for real.
REGISTRY_AUTH_PORT="${REGISTRY_AUTH_PORT:-5001}"
REGISTRY_AUTH_USER=converge
KWOK_NODES="${KWOK_NODES:-2}"            # fake nodes; more for large charts: KWOK_NODES=20 deploy/run.sh
KWOK_NODE_PODS="${KWOK_NODE_PODS:-110}"  # pods each fake node takes
CONTEXT=converge-local

KUBECONFIG_ADMIN="$STATE/kubeconfig"
KUBECONFIG_LIMITED="$STATE/kubeconfig-limited"

# Order matters: down.sh stops them in reverse.
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok temporal registry registry-auth)

export PATH="$BIN:$PATH"

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# pid of a running component, or empty. The pid file holds the pid; the process must
# still be alive and its command line must mention the component's binary.
pid_of() {
  local f="$PIDS/$1.pid" pid exe
  [ -f "$f" ] || return 0
  pid="$(cat "$f" 2>/dev/null)"
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 0
  exe="$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null)"
  case "$1" in
    registry) [[ "$exe" == *docker-registry*registry/config.yml* ]] || return 0 ;;
    registry-auth) [[ "$exe" == *docker-registry*registry-auth/config.yml* ]] || return 0 ;;
    *) [[ "$exe" == *"$1"* ]] || return 0 ;;
  esac
  echo "$pid"
}

kc() { "$BIN/kubectl" --kubeconfig "$KUBECONFIG_ADMIN" "$@"; }
