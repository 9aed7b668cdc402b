# Sourced by bench/run.sh for --chart: each given chart installed by converge and by Helm 3 in turn,
# --rounds times, the order of the two tools swapped every round. Before every install the cluster
# is brought back to the state it had before the first one: the namespaces, CRDs and other
# cluster-scoped objects a run left are deleted and waited for, so neither tool finds the other's
# CRDs already established.
[ ${#CHARTS[@]} -gt 0 ] || return 0

cluster_objects() { # every listable cluster-scoped object, as resource/name
  local kinds
  kinds=$(kc api-resources --namespaced=false --verbs=list,delete -o name | paste -sd, -)
  kc get "$kinds" -o name 2>/dev/null | sort
}

# Uninstalls the release (both tools write Helm's records, so `helm uninstall` removes what either
# put in other namespaces too), then deletes what still appeared since $WORK/clean-state: namespaces
# first, then the other cluster-scoped objects, CRDs last (their objects go with them).
restore_cluster() { # release ns
  "$HELM3" --kubeconfig "$KUBECONFIG_ADMIN" uninstall "$1" -n "$2" --wait --timeout 180s >/dev/null 2>&1 \
    || log "restore: helm uninstall $1 -n $2 failed"
  cluster_objects > "$WORK/state-now"
  comm -13 "$WORK/clean-state" "$WORK/state-now" > "$WORK/state-new"
  local group
  for group in '^namespace/' '^(?!namespace/|customresourcedefinition)' '^customresourcedefinition'; do
    { grep -P "$group" "$WORK/state-new" || true; } | xargs -r "$BIN/kubectl" --kubeconfig "$KUBECONFIG_ADMIN" delete \
      --ignore-not-found --timeout=180s >/dev/null 2>&1 || log "restore: some of $group still there"
  done
}

chart_name() { # a chart's directory or oci:// reference -> its name
  local ref="${1%/}"; ref="${ref##*/}"; echo "${ref%%[:@]*}"
}

chart_converge() { # name ref set ns
  local body sets t0 c0 code
  sets=$(python3 -c 'import json,sys; print(json.dumps([s for s in sys.argv[1].split(",") if s]))' "$3")
  body=$(printf '{"release":"%s","namespace":"%s","chart":"%s","set":%s,"timeoutSeconds":1800}' "$1" "$4" "$2" "$sets")
  t0=$(now); c0=$(converge_cpu)
  code=$(curl -s -o "$WORK/last.json" -w '%{http_code}' -XPOST "$API/api/v1/converges?wait=true" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$body")
  local seconds cpu; seconds=$(awk "BEGIN{print $(now) - $t0}"); cpu=$(awk "BEGIN{print $(converge_cpu) - $c0}")
  [ "$code" = 200 ] || log "converge of $1 answered $code: $(head -c 400 "$WORK/last.json")"
  record 0 converge chart "$seconds" "$([ "$code" = 200 ] && echo true || echo false)" \
    "converge/default/$4/$1" "$(run_id "converge/default/$4/$1")" "$cpu" "$1"
}

chart_helm() { # name ref set ns
  local t0 ok=true c0 c1 flags=()
  [ -n "$3" ] && flags+=(--set "$3")
  case "$2" in oci://127.0.0.1:*) flags+=(--plain-http) ;; esac
  t0=$(now); children_cpu > "$WORK/cpu0"; c0=$(cat "$WORK/cpu0")
  "$HELM3" --kubeconfig "$KUBE" upgrade --install "$1" "$2" -n "$4" --create-namespace --wait \
    --timeout 30m "${flags[@]}" >/dev/null 2>"$WORK/helm.err" || { ok=false; log "helm install of $1: $(tail -3 "$WORK/helm.err")"; }
  children_cpu > "$WORK/cpu1"; c1=$(cat "$WORK/cpu1")
  record 0 helm3 chart "$(awk "BEGIN{print $(now) - $t0}")" "$ok" "" "" "$(awk "BEGIN{print $c1 - $c0}")" "$1"
}

cluster_objects > "$WORK/clean-state"
for i in "${!CHARTS[@]}"; do
  ref="${CHARTS[$i]}"; name=$(chart_name "$ref"); set="${CHART_SETS[$i]}"
  if [ -d "$ref" ]; then # converge reads charts under its charts directory, the repository here
    rm -rf "$WORK/charts/ext-$name"; cp -r "$ref" "$WORK/charts/ext-$name"
    converge_ref="target/bench/charts/ext-$name"; helm_ref="$WORK/charts/ext-$name"
  else
    converge_ref="$ref"; helm_ref="$ref"
  fi
  for round in $(seq 1 "$ROUNDS"); do
    log "chart $name, round $round/$ROUNDS"
    tools=(converge helm); [ $((round % 2)) = 0 ] && tools=(helm converge)
    for tool in "${tools[@]}"; do
      ns="bench-$name-$tool-$round-$RANDOM"
      if [ "$tool" = converge ]; then chart_converge "$name" "$converge_ref" "$set" "$ns"
      else chart_helm "$name" "$helm_ref" "$set" "$ns"; fi
      restore_cluster "$name" "$ns"
    done
  done
done
