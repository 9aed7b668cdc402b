{{/*
commonlib: a tiny bitnami/common-like library chart.
All helpers run with the *including* chart's context, so .Chart is the
application chart, not commonlib.
*/}}

{{- define "commonlib.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Fully qualified app name (the `helm create` logic): fullnameOverride wins;
otherwise "<release>-<chart>", or just "<release>" if it already contains the chart name.
*/}}
{{- define "commonlib.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "commonlib.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "commonlib.selectorLabels" -}}
app.kubernetes.io/name: {{ include "commonlib.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "commonlib.labels" -}}
helm.sh/chart: {{ include "commonlib.chart" . }}
{{ include "commonlib.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/*
Render a value that may contain template expressions (bitnami "common.tplvalues.render").
Usage: {{ include "commonlib.tplvalues.render" (dict "value" .Values.x "context" $) }}
*/}}
{{- define "commonlib.tplvalues.render" -}}
{{- if typeIs "string" .value -}}
{{- tpl .value .context -}}
{{- else -}}
{{- tpl (.value | toYaml) .context -}}
{{- end -}}
{{- end -}}

{{/*
A whole ConfigMap.
Usage: {{ include "commonlib.configmap" (dict "context" $ "suffix" "config" "data" (dict "key" "value")) }}
Data values are rendered with tpl, so they may reference the including chart.
*/}}
{{- define "commonlib.configmap" -}}
{{- $ctx := .context -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ printf "%s-%s" (include "commonlib.fullname" $ctx) .suffix | trunc 63 | trimSuffix "-" }}
  labels:
    {{- include "commonlib.labels" $ctx | nindent 4 }}
data:
  {{- range $key, $value := .data }}
  {{ $key }}: {{ include "commonlib.tplvalues.render" (dict "value" $value "context" $ctx) | quote }}
  {{- end }}
{{- end -}}
