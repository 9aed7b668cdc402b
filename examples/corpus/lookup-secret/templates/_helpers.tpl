{{- define "lookupsecret.secretName" -}}
{{- printf "%s-auth" .Release.Name -}}
{{- end -}}

{{/*
Password (already base64-encoded) for the auth Secret.
Same idea as bitnami/common "common.secrets.lookup" / "common.secrets.passwords.manage":
reuse the value stored in the live Secret if there is one, otherwise generate.
`lookup` returns an empty map when the object does not exist (and always when
rendering offline, e.g. `helm template`), so install generates and upgrade reuses.
*/}}
{{- define "lookupsecret.password" -}}
{{- $existing := lookup "v1" "Secret" .Release.Namespace (include "lookupsecret.secretName" .) -}}
{{- if and $existing $existing.data (hasKey $existing.data "password") -}}
{{- index $existing.data "password" -}}
{{- else -}}
{{- randAlphaNum 16 | b64enc -}}
{{- end -}}
{{- end -}}
