{{/*
Hook annotations for the migration Job. The hook phase comes from values via tpl.
*/}}
{{- define "tplhook.hookAnnotations" -}}
helm.sh/hook: {{ tpl .Values.migration.hook . | quote }}
helm.sh/hook-weight: "-5"
helm.sh/hook-delete-policy: before-hook-creation
{{- end -}}

{{- define "tplhook.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
