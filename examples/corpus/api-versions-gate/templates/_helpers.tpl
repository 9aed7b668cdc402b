{{/*
PodDisruptionBudget apiVersion, chosen the way grafana/tempo/loki and many
other charts do it: by group/version/Kind from the discovered API set.
NOTE: the "group/version/Kind" entries only exist when the version set comes
from a live cluster (or `helm template --api-versions policy/v1/PodDisruptionBudget`);
Helm's offline default set has only "group/version" entries, so an offline
render picks policy/v1beta1, which a v1.25+ cluster no longer serves.
*/}}
{{- define "apigate.pdb.apiVersion" -}}
{{- if .Capabilities.APIVersions.Has "policy/v1/PodDisruptionBudget" -}}
{{- print "policy/v1" -}}
{{- else -}}
{{- print "policy/v1beta1" -}}
{{- end -}}
{{- end -}}

{{- define "apigate.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
