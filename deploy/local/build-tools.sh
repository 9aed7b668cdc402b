#!/usr/bin/env bash
# Builds the proving-ground binaries from the Go module proxy into a cache
# outside the repo:  ${CONVERGE_CACHE:-$HOME/.cache/converge}/bin
#
#   kube-apiserver kube-controller-manager kube-scheduler kubectl  (k8s.io/kubernetes, tools/go.mod)
#   etcd                                                          (go.etcd.io/etcd/server/v3, tools/go.mod)
#   kwok kwokctl                                                  (go install sigs.k8s.io/kwok/cmd/...@KWOK_VERSION)
#   helm                                                          (go install helm.sh/helm/v3/cmd/helm@HELM_VERSION)
#
# Each group has a stamp file keyed by a hash of its inputs (go.mod, go.sum,
# versions, this script); a group whose stamp matches and whose binaries exist
# is skipped, so a rerun with unchanged inputs takes well under a second.
# Go builds run under `nice -n 10` and one at a time (2 shared cores).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${CONVERGE_CACHE:-$HOME/.cache/converge}"
BIN="$CACHE/bin"
mkdir -p "$BIN"

export PATH="/usr/local/go/bin:$PATH"
command -v go >/dev/null || { echo "build-tools: go not found (expected /usr/local/go/bin/go)" >&2; exit 1; }

# Versions. k8s.io/kubernetes v1.35.7 is not served by the module proxy reachable
# here (403 "This module version is not available"); v1.35.4 is the newest 1.35.x
# that is, so tools/go.mod pins v1.35.4 with the staging modules at v0.35.4.
K8S_VERSION="$(awk '$1=="k8s.io/kubernetes"{print $2; exit}' "$HERE/tools/go.mod")"
ETCD_VERSION="$(awk '$1=="go.etcd.io/etcd/server/v3"{print $2; exit}' "$HERE/tools/go.mod")"
KWOK_VERSION="${KWOK_VERSION:-v0.8.0}"
HELM_VERSION="${HELM_VERSION:-v3.21.4}"

NICE=(nice -n 10)
LOCK="$CACHE/.build.lock"
exec 9>"$LOCK"
if ! flock -n 9; then
  echo "build-tools: another build holds $LOCK, waiting..." >&2
  flock 9
fi

hash_of() { # hash of the given strings/files
  { for a in "$@"; do if [ -f "$a" ]; then sha256sum "$a"; else echo "$a"; fi; done; } | sha256sum | cut -c1-16
}
SELF="$HERE/build-tools.sh"

up_to_date() { # group hash bins...
  local group=$1 h=$2; shift 2
  [ "$(cat "$BIN/.stamp-$group" 2>/dev/null)" = "$h" ] || return 1
  local b; for b in "$@"; do [ -x "$BIN/$b" ] || return 1; done
}

timed() { # label cmd...
  local label=$1; shift
  local t0=$SECONDS
  echo "build-tools: [$label] $*"
  "$@"
  echo "build-tools: [$label] done in $((SECONDS - t0))s"
}

# ---- kubernetes ----
k8s_hash="$(hash_of k8s "$K8S_VERSION" "$HERE/tools/go.mod" "$HERE/tools/go.sum" "$HERE/tools/tools.go" "$SELF" "$(go env GOVERSION)")"
K8S_BINS=(kube-apiserver kube-controller-manager kube-scheduler kubectl)
if up_to_date k8s "$k8s_hash" "${K8S_BINS[@]}"; then
  echo "build-tools: kubernetes $K8S_VERSION up to date"
else
  minor="$(echo "$K8S_VERSION" | cut -d. -f2)"
  ld="-s -w"
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld+=" -X $p.gitVersion=$K8S_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor"
    ld+=" -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z"
  done
  tmp="$(mktemp -d "$CACHE/.k8s.XXXX")"
  (cd "$HERE/tools" && timed k8s "${NICE[@]}" go build -trimpath -ldflags "$ld" -o "$tmp/" \
      k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
      k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl)
  for b in "${K8S_BINS[@]}"; do mv -f "$tmp/$b" "$BIN/$b"; done
  rmdir "$tmp"
  echo "$k8s_hash" > "$BIN/.stamp-k8s"
fi

# ---- etcd ----
etcd_hash="$(hash_of etcd "$ETCD_VERSION" "$HERE/tools/go.mod" "$HERE/tools/go.sum" "$SELF" "$(go env GOVERSION)")"
if up_to_date etcd "$etcd_hash" etcd; then
  echo "build-tools: etcd $ETCD_VERSION up to date"
else
  (cd "$HERE/tools" && timed etcd "${NICE[@]}" go build -trimpath -ldflags "-s -w" -o "$BIN/etcd.tmp" go.etcd.io/etcd/server/v3)
  mv -f "$BIN/etcd.tmp" "$BIN/etcd"
  echo "$etcd_hash" > "$BIN/.stamp-etcd"
fi

# ---- kwok / kwokctl / helm (modules without replace directives: go install @version) ----
gi() { # group version bins -- pkgs... ; ldflags in $GI_LD
  local group=$1 ver=$2 h; shift 2
  local bins=(); while [ "$1" != "--" ]; do bins+=("$1"); shift; done; shift
  h="$(hash_of "$group" "$ver" "$GI_LD" "$SELF" "$(go env GOVERSION)")"
  if up_to_date "$group" "$h" "${bins[@]}"; then
    echo "build-tools: $group $ver up to date"; return 0
  fi
  local tmp; tmp="$(mktemp -d "$CACHE/.gi.XXXX")"
  (cd "$tmp" && GOFLAGS='' GOBIN="$tmp" timed "$group" "${NICE[@]}" go install -trimpath -ldflags "$GI_LD" "$@")
  local b; for b in "${bins[@]}"; do mv -f "$tmp/$b" "$BIN/$b"; done
  rm -rf "$tmp"
  echo "$h" > "$BIN/.stamp-$group"
}

GI_LD="-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=$KWOK_VERSION -X sigs.k8s.io/kwok/pkg/consts.KubeVersion=$K8S_VERSION"
gi kwok "$KWOK_VERSION" kwok kwokctl -- "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION" "sigs.k8s.io/kwok/cmd/kwokctl@$KWOK_VERSION"

GI_LD="-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION"
gi helm "$HELM_VERSION" helm -- "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"

echo "build-tools: binaries in $BIN"
ls -la "$BIN" | awk 'NR>1 && $9 !~ /^\./ {printf "  %-26s %s\n", $9, $5}'
