#!/usr/bin/env bash
# Starts the local proving ground, everything on 127.0.0.1 (idempotent):
#   etcd, kube-apiserver (RBAC), kube-controller-manager, kube-scheduler,
#   kwok (2 fake nodes, failure-simulation Stages, pod logs), Temporal dev server
#   (UI, SQLite DB, Converge* search attributes), OCI registry (docker-registry).
# If everything is already up it only prints where things listen.
# State: ${CONVERGE_STATE:-$HOME/.cache/converge/state}; logs in $STATE/logs.
# Binaries: ./install.sh puts them in ${CONVERGE_CACHE:-$HOME/.cache/converge}/bin.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
T0=$SECONDS

for b in etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok temporal; do
  [ -x "$BIN/$b" ] || die "$BIN/$b missing: run deploy/local/install.sh first"
done
command -v docker-registry >/dev/null || die "docker-registry missing: run deploy/local/install.sh first"
command -v openssl >/dev/null || die "openssl missing: run deploy/local/install.sh first"
mkdir -p "$LOGS" "$PIDS" "$PKI" "$STATE/kwok"

# ---------------------------------------------------------------- PKI (openssl)
cert() { # name CN O(may be empty) kind(client|server|both) [SANs]
  local name=$1 cn=$2 o=$3 kind=$4 sans=${5:-} subj eku ext
  [ -s "$PKI/$name.crt" ] && [ -s "$PKI/$name.key" ] && return 0
  subj="/CN=$cn"; [ -n "$o" ] && subj="/O=$o$subj"
  case $kind in
    client) eku=clientAuth ;; server) eku=serverAuth ;; both) eku=serverAuth,clientAuth ;;
  esac
  ext="$PKI/$name.ext"
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=$eku"
    [ -n "$sans" ] && echo "subjectAltName=$sans"
  } > "$ext"
  openssl req -new -newkey rsa:2048 -nodes -keyout "$PKI/$name.key" -subj "$subj" \
    -out "$PKI/$name.csr" 2>/dev/null
  openssl x509 -req -in "$PKI/$name.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial \
    -days 3650 -sha256 -extfile "$ext" -out "$PKI/$name.crt" 2>/dev/null
  rm -f "$PKI/$name.csr" "$ext"
  chmod 600 "$PKI/$name.key"
}
if [ ! -s "$PKI/ca.crt" ]; then
  log "generating PKI in $PKI"
  openssl req -x509 -new -newkey rsa:2048 -nodes -keyout "$PKI/ca.key" -out "$PKI/ca.crt" \
    -days 3650 -sha256 -subj "/CN=converge-local-ca" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" 2>/dev/null
  chmod 600 "$PKI/ca.key"
fi
cert apiserver kube-apiserver "" server \
  "IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
cert admin kubernetes-admin system:masters client
cert apiserver-kubelet-client kube-apiserver-kubelet-client system:masters client
cert front-proxy-client front-proxy-client "" client
cert controller-manager system:kube-controller-manager "" client
cert scheduler system:kube-scheduler "" client
cert kwok-client kwok-controller system:masters client
cert kwok-server localhost "" server "IP:127.0.0.1,DNS:localhost"
cert limited converge-limited "" client
if [ ! -s "$PKI/sa.key" ]; then
  openssl genrsa -out "$PKI/sa.key" 2048 2>/dev/null
  openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null
  chmod 600 "$PKI/sa.key"
fi

# ---------------------------------------------------------------- kubeconfigs
kubeconfig() { # file user certname [namespace]
  local f=$1 user=$2 c=$3 ns=${4:-}
  [ -s "$f" ] && grep -q "127.0.0.1:$APISERVER_PORT" "$f" && return 0
  local k=("$BIN/kubectl" --kubeconfig "$f.tmp")
  rm -f "$f.tmp"
  "${k[@]}" config set-cluster "$CONTEXT" --server "https://127.0.0.1:$APISERVER_PORT" \
    --certificate-authority "$PKI/ca.crt" --embed-certs=true >/dev/null
  "${k[@]}" config set-credentials "$user" --client-certificate "$PKI/$c.crt" \
    --client-key "$PKI/$c.key" --embed-certs=true >/dev/null
  "${k[@]}" config set-context "$CONTEXT" --cluster "$CONTEXT" --user "$user" ${ns:+--namespace "$ns"} >/dev/null
  "${k[@]}" config use-context "$CONTEXT" >/dev/null
  chmod 600 "$f.tmp"; mv -f "$f.tmp" "$f"
}
kubeconfig "$KUBECONFIG_ADMIN" kubernetes-admin admin
kubeconfig "$KUBECONFIG_LIMITED" converge-limited limited limited
kubeconfig "$STATE/controller-manager.kubeconfig" system:kube-controller-manager controller-manager
kubeconfig "$STATE/scheduler.kubeconfig" system:kube-scheduler scheduler
kubeconfig "$STATE/kwok.kubeconfig" kwok-controller kwok-client

# ---------------------------------------------------------------- helpers
start() { # name cmd...   (no-op when already running)
  local name=$1; shift
  local pid; pid="$(pid_of "$name")"
  if [ -n "$pid" ]; then return 0; fi
  log "starting $name (log: $LOGS/$name.log)"
  echo "=== $(date -Is) $*" >> "$LOGS/$name.log"
  setsid nohup "$@" >> "$LOGS/$name.log" 2>&1 < /dev/null &
  echo $! > "$PIDS/$name.pid"
  STARTED+=("$name")
}
STARTED=()
wait_for() { # description timeout-seconds component cmd...
  local what=$1 timeout=$2 comp=$3; shift 3
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if [ -n "$comp" ] && [ -z "$(pid_of "$comp")" ]; then
      echo "---- last lines of $LOGS/$comp.log" >&2; tail -n 30 "$LOGS/$comp.log" >&2 || true
      die "$comp exited while waiting for: $what"
    fi
    if [ $SECONDS -ge $deadline ]; then
      [ -n "$comp" ] && { echo "---- last lines of $LOGS/$comp.log" >&2; tail -n 30 "$LOGS/$comp.log" >&2 || true; }
      die "timed out after ${timeout}s waiting for: $what"
    fi
    sleep 0.5
  done
}
curl_k8s() { curl -sf --max-time 3 --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" "$@"; }
apiserver_ready() { [ "$(curl_k8s "https://127.0.0.1:$APISERVER_PORT/readyz")" = ok ]; }
etcd_ready() { curl -sf --max-time 3 "http://127.0.0.1:$ETCD_CLIENT_PORT/health" | grep -q '"health":"true"'; }
registry_ready() { curl -sf --max-time 3 -o /dev/null "http://127.0.0.1:$REGISTRY_PORT/v2/"; }
# Ready means it answers, and refuses anonymous access.
registry_auth_ready() { [ "$(curl -s --max-time 3 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$REGISTRY_AUTH_PORT/v2/")" = 401 ]; }
temporal_ready() { "$BIN/temporal" operator cluster health --address "127.0.0.1:$TEMPORAL_PORT" 2>/dev/null | grep -q SERVING; }
port_busy() { # port -> 0 if something listens on 127.0.0.1:port or *:port
  ss -Hltn "sport = :$1" 2>/dev/null | grep -q .
}
check_port() { # component port
  if [ -z "$(pid_of "$1")" ] && port_busy "$2"; then
    die "port $2 (for $1) is already in use by another process: $(ss -Hltnp "sport = :$2" | head -1)"
  fi
}
check_port etcd "$ETCD_CLIENT_PORT"; check_port etcd "$ETCD_PEER_PORT"
check_port kube-apiserver "$APISERVER_PORT"
check_port kube-controller-manager "$KCM_PORT"; check_port kube-scheduler "$SCHEDULER_PORT"
check_port kwok "$KWOK_PORT"
check_port temporal "$TEMPORAL_PORT"; check_port temporal "$TEMPORAL_UI_PORT"
check_port registry "$REGISTRY_PORT"
check_port registry-auth "$REGISTRY_AUTH_PORT"

# ---------------------------------------------------------------- etcd
start etcd "$BIN/etcd" --name node0 --data-dir "$STATE/etcd" \
  --listen-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster "node0=http://127.0.0.1:$ETCD_PEER_PORT" --initial-cluster-state new \
  --unsafe-no-fsync --auto-compaction-mode periodic --auto-compaction-retention 1h \
  --quota-backend-bytes 8589934592 --log-level warn

# ---------------------------------------------------------------- temporal + registry (independent; start early)
TEMPORAL_SAS=(ConvergeRelease=Keyword ConvergeNamespace=Keyword ConvergeKubeContext=Keyword ConvergeOutcome=Keyword ConvergeRevision=Int ConvergeDrift=Keyword)
# A dev server a kept machine still runs with older settings (below) is started anew.
tpid="$(pid_of temporal)"
if [ -n "$tpid" ] && ! tr '\0' ' ' < "/proc/$tpid/cmdline" | grep -q numTaskqueueReadPartitions; then
  log "restarting temporal: fairness settings changed"; kill "$tpid"; sleep 2
fi
# Fairness: tasks are dispatched in turns across the runs' fairness keys (one per tenant, set by the
# API at start; docs/operations.md#fairness). Off by default in a self-hosted server. Turns are
# kept per task queue partition: with one partition a tenant's next task is the next one handed
# out, not the next one of whichever partition a poll happens to reach.
start temporal "$BIN/temporal" server start-dev --ip 127.0.0.1 --port "$TEMPORAL_PORT" \
  --ui-port "$TEMPORAL_UI_PORT" --http-port "$TEMPORAL_HTTP_PORT" --metrics-port "$TEMPORAL_METRICS_PORT" \
  --db-filename "$STATE/temporal.db" --ui-disable-news-fetch --log-level warn \
  --dynamic-config-value matching.enableFairness=true \
  --dynamic-config-value matching.numTaskqueueReadPartitions=1 \
  --dynamic-config-value matching.numTaskqueueWritePartitions=1 \
  --ui-codec-endpoint "http://127.0.0.1:${CONVERGE_API_PORT:-8080}/codec"  # converge API's codec server: UI decodes payloads

mkdir -p "$STATE/registry/data"
cat > "$STATE/registry/config.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $STATE/registry/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$REGISTRY_PORT
  secret: converge-local-only
  headers:
    X-Content-Type-Options: [nosniff]
health:
  storagedriver:
    enabled: false
EOF
start registry docker-registry serve "$STATE/registry/config.yml"

# The authenticated endpoint: its own storage, one user whose password is made once and kept. The
# worker reads it from a Docker config file (docker-config.json), Helm from helm-registry.json.
AUTH="$STATE/registry-auth"
mkdir -p "$AUTH/data"
[ -s "$AUTH/password" ] || (umask 077 && od -An -tx1 -N12 /dev/urandom | tr -d ' \n' > "$AUTH/password")
if [ ! -s "$AUTH/htpasswd" ]; then
  htpasswd -Bbn "$REGISTRY_AUTH_USER" "$(cat "$AUTH/password")" > "$AUTH/htpasswd"
fi
auth_b64="$(printf '%s:%s' "$REGISTRY_AUTH_USER" "$(cat "$AUTH/password")" | base64 -w0)"
(umask 077 && printf '{"auths":{"127.0.0.1:%s":{"auth":"%s"}}}\n' "$REGISTRY_AUTH_PORT" "$auth_b64" > "$AUTH/docker-config.json")
cp "$AUTH/docker-config.json" "$AUTH/helm-registry.json"
sed -e "s#$STATE/registry/data#$AUTH/data#" -e "s#127.0.0.1:$REGISTRY_PORT#127.0.0.1:$REGISTRY_AUTH_PORT#" \
  "$STATE/registry/config.yml" > "$AUTH/config.yml"
printf 'auth:\n  htpasswd:\n    realm: converge-local\n    path: %s\n' "$AUTH/htpasswd" >> "$AUTH/config.yml"
start registry-auth docker-registry serve "$AUTH/config.yml"

wait_for "etcd /health" 60 etcd etcd_ready

# ---------------------------------------------------------------- kube-apiserver
start kube-apiserver "$BIN/kube-apiserver" \
  --etcd-servers "http://127.0.0.1:$ETCD_CLIENT_PORT" --etcd-prefix /registry \
  --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$APISERVER_PORT" \
  --endpoint-reconciler-type none \
  --authorization-mode Node,RBAC --allow-privileged=true \
  --client-ca-file "$PKI/ca.crt" --tls-cert-file "$PKI/apiserver.crt" --tls-private-key-file "$PKI/apiserver.key" \
  --service-account-key-file "$PKI/sa.pub" --service-account-signing-key-file "$PKI/sa.key" \
  --service-account-issuer https://kubernetes.default.svc.cluster.local \
  --service-cluster-ip-range 10.96.0.0/16 \
  --kubelet-client-certificate "$PKI/apiserver-kubelet-client.crt" --kubelet-client-key "$PKI/apiserver-kubelet-client.key" \
  --kubelet-certificate-authority "$PKI/ca.crt" \
  --kubelet-preferred-address-types Hostname,InternalIP \
  --proxy-client-cert-file "$PKI/front-proxy-client.crt" --proxy-client-key-file "$PKI/front-proxy-client.key" \
  --requestheader-client-ca-file "$PKI/ca.crt" --requestheader-allowed-names front-proxy-client \
  --requestheader-username-headers X-Remote-User --requestheader-group-headers X-Remote-Group \
  --requestheader-extra-headers-prefix X-Remote-Extra- \
  --profiling=false --v=1

wait_for "kube-apiserver /readyz" 120 kube-apiserver apiserver_ready

# ---------------------------------------------------------------- controller-manager, scheduler
start kube-controller-manager "$BIN/kube-controller-manager" \
  --kubeconfig "$STATE/controller-manager.kubeconfig" \
  --authentication-kubeconfig "$STATE/controller-manager.kubeconfig" \
  --authorization-kubeconfig "$STATE/controller-manager.kubeconfig" \
  --bind-address 127.0.0.1 --secure-port "$KCM_PORT" --leader-elect=false \
  --root-ca-file "$PKI/ca.crt" --service-account-private-key-file "$PKI/sa.key" \
  --use-service-account-credentials=true \
  --cluster-signing-cert-file "$PKI/ca.crt" --cluster-signing-key-file "$PKI/ca.key" \
  --authorization-always-allow-paths /healthz,/readyz,/livez,/metrics \
  --node-monitor-period 25s --node-monitor-grace-period 3m20s \
  --kube-api-qps 500 --kube-api-burst 1000 --profiling=false --v=1

start kube-scheduler "$BIN/kube-scheduler" \
  --kubeconfig "$STATE/scheduler.kubeconfig" \
  --authentication-kubeconfig "$STATE/scheduler.kubeconfig" \
  --authorization-kubeconfig "$STATE/scheduler.kubeconfig" \
  --bind-address 127.0.0.1 --secure-port "$SCHEDULER_PORT" --leader-elect=false \
  --authorization-always-allow-paths /healthz,/readyz,/livez,/metrics \
  --kube-api-qps 500 --kube-api-burst 1000 --profiling=false --v=1

# ---------------------------------------------------------------- kwok
# Pod logs: every container of every pod reads the CRI-format files shipped in kwok/logs/.
cat > "$STATE/kwok/logs.yaml" <<EOF
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterLogs
metadata:
  name: converge-default-logs
spec:
  selector: {}
  logs:
  - logsFile: $LOCAL_DIR/kwok/logs/app.log
    previousLogsFile: $LOCAL_DIR/kwok/logs/previous.log
    follow: false
EOF
if [ -z "$(pid_of kwok)" ]; then
  # kwok holds a node Lease per fake node under a per-process identity; a restarted kwok
  # would ignore the nodes (and their pods) until the old leases expire. Drop them.
  leases=(); for i in $(seq 0 $((KWOK_NODES - 1))); do leases+=("kwok-node-$i"); done
  kc -n kube-node-lease delete lease "${leases[@]}" --ignore-not-found >/dev/null 2>&1 || true
fi
start kwok "$BIN/kwok" --kubeconfig "$STATE/kwok.kubeconfig" \
  -c "$LOCAL_DIR/kwok/stages.yaml" -c "$STATE/kwok/logs.yaml" \
  --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
  --node-ip 127.0.0.1 --node-name localhost --node-port "$KWOK_PORT" \
  --server-address "127.0.0.1:$KWOK_PORT" \
  --tls-cert-file "$PKI/kwok-server.crt" --tls-private-key-file "$PKI/kwok-server.key" \
  --cidr 10.244.0.1/16 --node-lease-duration-seconds 40

# ---------------------------------------------------------------- cluster objects (idempotent)
kc_apply() { kc apply --server-side --force-conflicts --field-manager converge-up -f - >/dev/null; }
{
  for i in $(seq 0 $((KWOK_NODES - 1))); do
    cat <<EOF
---
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-$i
  annotations:
    kwok.x-k8s.io/node: fake
    node.alpha.kubernetes.io/ttl: "0"
  labels:
    beta.kubernetes.io/arch: amd64
    beta.kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    kubernetes.io/hostname: kwok-node-$i
    kubernetes.io/os: linux
    kubernetes.io/role: agent
    node-role.kubernetes.io/agent: ""
    type: kwok
status:
  allocatable: {cpu: "32", memory: 256Gi, ephemeral-storage: 200Gi, pods: "$KWOK_NODE_PODS"}
  capacity: {cpu: "32", memory: 256Gi, ephemeral-storage: 200Gi, pods: "$KWOK_NODE_PODS"}
EOF
  done
  cat <<EOF
---
apiVersion: v1
kind: Namespace
metadata:
  name: limited
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: converge-limited-edit
  namespace: limited
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
subjects:
- apiGroup: rbac.authorization.k8s.io
  kind: User
  name: converge-limited
EOF
} | kc_apply
# Tenancy (docs/tenancy.md): team namespaces with their deployer ServiceAccounts.
"$(dirname "${BASH_SOURCE[0]}")/tenants.sh" | kc_apply
# Status is only taken on create; a kept stack gets new capacity (ephemeral-storage, which
# charts with resource presets request) through the status subresource.
node_capacity='{"cpu":"32","memory":"256Gi","ephemeral-storage":"200Gi","pods":"'"$KWOK_NODE_PODS"'"}'
for i in $(seq 0 $((KWOK_NODES - 1))); do
  kc patch node "kwok-node-$i" --subresource=status --type=merge \
    -p "{\"status\":{\"allocatable\":$node_capacity,\"capacity\":$node_capacity}}" >/dev/null
done

default_sa() { kc -n default get serviceaccount default; }
nodes_ready() {
  local n
  n="$(kc get nodes -l type=kwok -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | grep -c '^True$')"
  [ "$n" -ge "$KWOK_NODES" ]
}
wait_for "ServiceAccount default/default" 120 kube-controller-manager default_sa
wait_for "$KWOK_NODES kwok nodes Ready" 120 kwok nodes_ready
wait_for "registry /v2/" 60 registry registry_ready
wait_for "registry-auth /v2/ (401 without credentials)" 60 registry-auth registry_auth_ready
wait_for "temporal operator cluster health" 120 temporal temporal_ready

# ---------------------------------------------------------------- temporal search attributes (idempotent)
existing="$("$BIN/temporal" operator search-attribute list --address "127.0.0.1:$TEMPORAL_PORT" -o json 2>/dev/null || true)"
create_args=()
for sa in "${TEMPORAL_SAS[@]}"; do
  name=${sa%%=*}; type=${sa#*=}
  if ! grep -q "\"$name\"" <<<"$existing"; then create_args+=(--name "$name" --type "$type"); fi
done
if [ ${#create_args[@]} -gt 0 ]; then
  log "registering temporal search attributes: ${create_args[*]}"
  "$BIN/temporal" operator search-attribute create --address "127.0.0.1:$TEMPORAL_PORT" "${create_args[@]}" >/dev/null
fi

# ---------------------------------------------------------------- env.sh + summary
cat > "$STATE/env.sh" <<EOF
# source this file: environment of the converge local proving ground
export KUBECONFIG="$KUBECONFIG_ADMIN"
export CONVERGE_KUBECONFIG_LIMITED="$KUBECONFIG_LIMITED"
export CONVERGE_KUBE_CONTEXT="$CONTEXT"
export TEMPORAL_ADDRESS="127.0.0.1:$TEMPORAL_PORT"
export TEMPORAL_UI="http://127.0.0.1:$TEMPORAL_UI_PORT"
export REGISTRY="127.0.0.1:$REGISTRY_PORT"
export REGISTRY_AUTH="127.0.0.1:$REGISTRY_AUTH_PORT"
export REGISTRY_AUTH_DOCKER_CONFIG="$AUTH/docker-config.json"
export CONVERGE_STATE="$STATE"
export PATH="$BIN:\$PATH"
EOF

if [ ${#STARTED[@]} -eq 0 ]; then
  log "already up"
else
  log "up in $((SECONDS - T0))s (started: ${STARTED[*]})"
fi
cat <<EOF
  kube-apiserver  https://127.0.0.1:$APISERVER_PORT   (context $CONTEXT, $("$BIN/kubectl" version --kubeconfig "$KUBECONFIG_ADMIN" -o json 2>/dev/null | sed -n 's/.*"gitVersion": "\(v[^"]*\)".*/\1/p' | tail -1))
  etcd            http://127.0.0.1:$ETCD_CLIENT_PORT (peer $ETCD_PEER_PORT)
  controller-mgr  https://127.0.0.1:$KCM_PORT   scheduler https://127.0.0.1:$SCHEDULER_PORT
  kwok            https://127.0.0.1:$KWOK_PORT (kubelet API: logs)  nodes: $(kc get nodes -o name | tr '\n' ' ')
  temporal        127.0.0.1:$TEMPORAL_PORT  UI http://127.0.0.1:$TEMPORAL_UI_PORT  db $STATE/temporal.db
  registry        http://127.0.0.1:$REGISTRY_PORT/v2/  (anonymous)
  registry-auth   http://127.0.0.1:$REGISTRY_AUTH_PORT/v2/  (user $REGISTRY_AUTH_USER; Docker config $AUTH/docker-config.json)
  kubeconfig      $KUBECONFIG_ADMIN
  limited         $KUBECONFIG_LIMITED (edit in namespace 'limited' only)
  logs            $LOGS/
  env             source $STATE/env.sh

export KUBECONFIG=$KUBECONFIG_ADMIN
EOF
