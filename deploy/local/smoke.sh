#!/usr/bin/env bash
# Proves the running proving ground (start it with up.sh first). Exits non-zero with
# a clear message on the first failure; prints the time of every check.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ -s "$STATE/env.sh" ] || die "no $STATE/env.sh: run deploy/local/up.sh first"
source "$STATE/env.sh"

NS="smoke-$(date +%s)"
WORK="$(mktemp -d)"
T_ALL=$SECONDS
PASSED=0
cleanup() {
  kc delete namespace "$NS" --wait=false >/dev/null 2>&1 || true
  helm uninstall smoke-chart -n "$NS" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
  printf '\nSMOKE FAILED: %s\n' "$1" >&2
  shift
  for cmd in "$@"; do echo "---- $cmd" >&2; eval "$cmd" >&2 2>&1 || true; done
  exit 1
}
TS=0
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
begin() { TS=$(now_ms); printf '%-66s' "$1"; }
ok() {
  local ms=$(( $(now_ms) - TS ))
  PASSED=$((PASSED + 1)); printf 'ok  %3d.%01ds\n' $((ms / 1000)) $(((ms % 1000) / 100))
}
# wait_until timeout cmd... : retry a predicate twice a second
wait_until() {
  local timeout=$1; shift
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.5
  done
}
jp() { kc -n "$NS" get "$1" -o "jsonpath=$2" 2>/dev/null; }
eq() { [ "$(jp "$1" "$2")" = "$3" ]; }


# ------------------------------------------------------------------ API server
begin "kube-apiserver /readyz"
r="$(curl -sf --max-time 5 --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" \
  "https://127.0.0.1:$APISERVER_PORT/readyz" || true)"
[ "$r" = ok ] || fail "/readyz answered '$r'" "tail -20 $LOGS/kube-apiserver.log"
ok

begin "server version is stamped (not v0.0.0)"
v="$(kc version -o json | sed -n 's/.*"gitVersion": "\(v[^"]*\)".*/\1/p' | tail -1)"
case "$v" in v1.*) ;; *) fail "server gitVersion is '$v'" ;; esac
ok

begin "$KWOK_NODES kwok nodes Ready"
n="$(kc get nodes -l type=kwok -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | grep -c '^True$' || true)"
[ "$n" -ge "$KWOK_NODES" ] || fail "only $n kwok nodes Ready" "kc get nodes -o wide" "tail -20 $LOGS/kwok.log"
ok

begin "namespace $NS with its default ServiceAccount"
kc create namespace "$NS" >/dev/null
wait_until 60 kc -n "$NS" get serviceaccount default || fail "no default ServiceAccount in $NS" "tail -20 $LOGS/kube-controller-manager.log"
ok

# ------------------------------------------------------------------ create everything, then wait
pod() { # name outcome [extra annotation lines]
  cat <<EOF
---
apiVersion: v1
kind: Pod
metadata:
  name: $1
  annotations:
    sim.converge.dev/outcome: "$2"
${3:-}
spec:
  containers:
  - name: app
    image: registry.invalid/converge/app:1.0
EOF
}
job() { # name backoffLimit [outcome]
  cat <<EOF
---
apiVersion: batch/v1
kind: Job
metadata:
  name: $1
spec:
  backoffLimit: $2
  template:
    metadata:
      annotations:
        ${3:+sim.converge.dev/outcome: "$3"}
    spec:
      restartPolicy: Never
      containers:
      - name: job
        image: registry.invalid/converge/job:1.0
EOF
}
{
  cat <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: registry.invalid/converge/web:1.0
EOF
  job job-ok 0
  job job-fail 1 fail
  pod crashloop crashloop
  pod imagepull imagepull
  pod never-ready never-ready
  pod slow slow '    sim.converge.dev/delay: "4s"'
} > "$WORK/objects.yaml"
begin "create Deployment, Jobs, simulated-outcome Pods"
kc -n "$NS" apply -f "$WORK/objects.yaml" >/dev/null || fail "kubectl apply failed"
ok

begin "Deployment web (2 replicas) Available"
kc -n "$NS" wait --for=condition=Available deployment/web --timeout=90s >/dev/null \
  && eq deployment/web '{.status.readyReplicas}' 2 \
  || fail "deployment web not Available with 2 ready replicas" "kc -n $NS get deploy,rs,pods -o wide"
ok

begin "Job job-ok Complete"
kc -n "$NS" wait --for=condition=Complete job/job-ok --timeout=90s >/dev/null \
  || fail "job job-ok not Complete" "kc -n $NS get job,pods -o wide" "kc -n $NS describe job job-ok"
ok

begin "pod crashloop: CrashLoopBackOff, exit 1, restarts>0"
wait_until 60 eq pod/crashloop '{.status.containerStatuses[0].state.waiting.reason}' CrashLoopBackOff \
  || fail "pod crashloop not in CrashLoopBackOff" "kc -n $NS get pod crashloop -o yaml"
eq pod/crashloop '{.status.phase}' Running || fail "pod crashloop phase is not Running"
eq pod/crashloop '{.status.conditions[?(@.type=="Ready")].status}' False || fail "pod crashloop is Ready"
eq pod/crashloop '{.status.containerStatuses[0].lastState.terminated.exitCode}' 1 || fail "crashloop lastState exitCode is not 1"
[ "$(jp pod/crashloop '{.status.containerStatuses[0].restartCount}')" -gt 0 ] || fail "crashloop restartCount is 0"
ok

begin "pod imagepull: Pending, ImagePullBackOff"
wait_until 60 eq pod/imagepull '{.status.containerStatuses[0].state.waiting.reason}' ImagePullBackOff \
  || fail "pod imagepull not in ImagePullBackOff" "kc -n $NS get pod imagepull -o yaml"
eq pod/imagepull '{.status.phase}' Pending || fail "pod imagepull phase is not Pending"
ok

begin "pod never-ready: Running, container not ready"
wait_until 60 eq pod/never-ready '{.status.phase}' Running \
  || fail "pod never-ready not Running" "kc -n $NS get pod never-ready -o yaml"
eq pod/never-ready '{.status.containerStatuses[0].ready}' false || fail "never-ready container is ready"
eq pod/never-ready '{.status.conditions[?(@.type=="Ready")].status}' False || fail "never-ready pod is Ready"
ok

begin "pod slow: Ready only after sim.converge.dev/delay=4s"
wait_until 30 eq pod/slow '{.status.phase}' Running || fail "pod slow not Running" "kc -n $NS get pod slow -o yaml"
created="$(date -d "$(jp pod/slow '{.metadata.creationTimestamp}')" +%s)"
kc -n "$NS" wait --for=condition=Ready pod/slow --timeout=60s >/dev/null || fail "pod slow never became Ready" "kc -n $NS get pod slow -o yaml"
ready_at="$(date -d "$(jp pod/slow '{.status.conditions[?(@.type=="Ready")].lastTransitionTime}')" +%s)"
[ $((ready_at - created)) -ge 3 ] || fail "pod slow became Ready after $((ready_at - created))s, expected >= 4s"
ok

begin "Job job-fail (outcome fail, backoffLimit 1) Failed"
kc -n "$NS" wait --for=condition=Failed job/job-fail --timeout=120s >/dev/null \
  || fail "job job-fail did not fail" "kc -n $NS get job,pods -o wide" "kc -n $NS describe job job-fail"
[ "$(jp job/job-fail '{.status.failed}')" -ge 2 ] || fail "job-fail did not retry (failed=$(jp job/job-fail '{.status.failed}'))"
code="$(kc -n "$NS" get pods -l job-name=job-fail -o jsonpath='{.items[0].status.containerStatuses[0].state.terminated.exitCode}')"
[ "$code" = 1 ] || fail "job-fail pod exit code is '$code', expected 1"
ok

# ------------------------------------------------------------------ logs (kwok ClusterLogs -> kubelet API)
begin "kubectl logs deployment/web"
out="$(kc -n "$NS" logs deployment/web 2>&1)" || fail "kubectl logs failed: $out" "tail -20 $LOGS/kwok.log"
grep -q "converge-sim: ready to serve requests" <<<"$out" || fail "unexpected log output: $out"
ok

begin "kubectl logs --previous crashloop"
out="$(kc -n "$NS" logs --previous crashloop 2>&1)" || fail "kubectl logs --previous failed: $out"
grep -q "simulated crash" <<<"$out" || fail "unexpected previous log output: $out"
ok

# ------------------------------------------------------------------ RBAC: limited kubeconfig
begin "kubeconfig-limited: edit in 'limited' only"
lk() { "$BIN/kubectl" --kubeconfig "$KUBECONFIG_LIMITED" "$@"; }
[ "$(lk auth can-i create deployments -n limited 2>/dev/null)" = yes ] || fail "limited user cannot create deployments in 'limited'"
[ "$(lk auth can-i create deployments -n default 2>/dev/null)" = no ] || fail "limited user can create deployments in 'default'"
lk get pods -n default >/dev/null 2>&1 && fail "limited user can list pods in 'default'"
lk get pods >/dev/null 2>&1 || fail "limited user cannot list pods in its namespace"
ok

# ------------------------------------------------------------------ helm
begin "helm install --wait of a tiny chart, helm list"
mkdir -p "$WORK/chart/templates"
cat > "$WORK/chart/Chart.yaml" <<EOF
apiVersion: v2
name: smoke
version: 0.1.0
appVersion: "1.0"
kubeVersion: ">=1.30.0-0"
EOF
cat > "$WORK/chart/values.yaml" <<EOF
replicas: 2
EOF
cat > "$WORK/chart/templates/app.yaml" <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
spec:
  replicas: {{ .Values.replicas }}
  selector:
    matchLabels: {app: {{ .Release.Name }}}
  template:
    metadata:
      labels: {app: {{ .Release.Name }}}
    spec:
      containers:
      - name: app
        image: registry.invalid/converge/app:1.0
---
apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}
spec:
  selector: {app: {{ .Release.Name }}}
  ports:
  - port: 80
EOF
out="$(helm install smoke-chart "$WORK/chart" -n "$NS" --wait --timeout 90s 2>&1)" \
  || fail "helm install failed: $out" "kc -n $NS get all"
helm list -n "$NS" 2>&1 | grep -E '^smoke-chart\s.*\sdeployed\s' >/dev/null \
  || fail "helm list does not show smoke-chart deployed" "helm list -n $NS"
ok

# ------------------------------------------------------------------ temporal, registry
begin "temporal cluster health + search attributes"
temporal operator cluster health --address "$TEMPORAL_ADDRESS" 2>&1 | grep -q SERVING || fail "temporal not SERVING" "tail -20 $LOGS/temporal.log"
sas="$(temporal operator search-attribute list --address "$TEMPORAL_ADDRESS" 2>&1)"
for a in ConvergeRelease ConvergeNamespace ConvergeKubeContext ConvergeOutcome ConvergeRevision; do
  grep -q "$a" <<<"$sas" || fail "search attribute $a missing: $sas"
done
ok

begin "temporal visibility: workflow found by ConvergeRelease"
wf="converge-smoke-$NS"
out="$(temporal workflow start --address "$TEMPORAL_ADDRESS" --type ConvergeSmoke --task-queue converge-smoke \
  --workflow-id "$wf" --search-attribute "ConvergeRelease=\"$wf\"" --search-attribute 'ConvergeRevision=3' 2>&1)" \
  || fail "temporal workflow start failed: $out"
listed() { temporal workflow list --address "$TEMPORAL_ADDRESS" --query "ConvergeRelease=\"$wf\" AND ConvergeRevision=3" 2>/dev/null | grep -q "$wf"; }
wait_until 15 listed || fail "workflow $wf not listed by search attribute query"
temporal workflow terminate --address "$TEMPORAL_ADDRESS" --workflow-id "$wf" --reason smoke >/dev/null 2>&1 || true
ok

begin "temporal UI http://127.0.0.1:$TEMPORAL_UI_PORT"
curl -sf --max-time 5 -o /dev/null "http://127.0.0.1:$TEMPORAL_UI_PORT/" || fail "temporal UI does not answer"
ok

begin "registry http://$REGISTRY/v2/"
curl -sf --max-time 5 "http://$REGISTRY/v2/" >/dev/null || fail "registry /v2/ does not answer" "tail -20 $LOGS/registry.log"
ok

begin "helm push of the chart to oci://$REGISTRY, helm show chart"
export HELM_REGISTRY_CONFIG="$WORK/helm-registry.json"
helm package "$WORK/chart" -d "$WORK" >/dev/null || fail "helm package failed"
out="$(helm push "$WORK/smoke-0.1.0.tgz" "oci://$REGISTRY/converge-smoke" --plain-http 2>&1)" \
  || fail "helm push to oci://$REGISTRY failed: $out" "tail -20 $LOGS/registry.log"
out="$(helm show chart "oci://$REGISTRY/converge-smoke/smoke" --version 0.1.0 --plain-http 2>&1)" \
  || fail "helm show chart from oci://$REGISTRY failed: $out"
grep -q '^name: smoke' <<<"$out" || fail "unexpected chart from registry: $out"
ok

begin "nothing of ours listens outside 127.0.0.1"
bad="$(ss -Hltnp 2>/dev/null | grep -E 'etcd|kube-|kwok|temporal|docker-registry' | awk '{print $4}' | grep -vE '^(127\.0\.0\.1|\[::1\]):' || true)"
[ -z "$bad" ] || fail "listening on non-loopback: $bad"
ok

printf '\nsmoke: %d passed, 0 failed in %ds\n' "$PASSED" "$((SECONDS - T_ALL))"
