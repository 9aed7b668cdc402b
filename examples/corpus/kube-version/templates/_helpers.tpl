{{/*
Kubernetes version used for capability gates. Same shape as
bitnami/common "common.capabilities.kubeVersion": an explicit override wins,
otherwise the version Helm discovered from the cluster.
*/}}
{{- define "kubeversion.kubeVersion" -}}
{{- default .Capabilities.KubeVersion.Version .Values.kubeVersionOverride -}}
{{- end -}}
