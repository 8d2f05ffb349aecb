{{/* The global values, merged over the library's defaults (a service chart also renders on its own). */}}
{{- define "catalyst-common.global" -}}
{{- $defaults := fromYaml (include "catalyst-common.globalDefaults" .) -}}
{{- toYaml (mustMergeOverwrite $defaults (deepCopy (.Values.global | default dict))) -}}
{{- end -}}

{{/*
The Kubernetes name of a service is its application name (`spring.application.name`): the gateway's discovery
looks services up by it and the chart-set URLs use it. One Catalyst per namespace.
*/}}
{{- define "catalyst-common.name" -}}
{{- .Chart.Name -}}
{{- end -}}

{{- define "catalyst-common.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/part-of: catalyst
{{- end -}}

{{- define "catalyst-common.labels" -}}
{{ include "catalyst-common.selectorLabels" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/*
Who calls whom over HTTP, as the code does it (Feign clients, the gateway's routes, the Git host's clients). The
NetworkPolicies are derived from this one table: a callee admits exactly its callers, a caller may reach exactly its
callees. Every service also calls identity-service (tokens, JWKS, personal access token introspection).
*/}}
{{- define "catalyst-common.calls" -}}
gateway: [identity-service, catalog-service, provisioning-service, promotion-service, billing-service, audit-service]
identity-service: []
catalog-service: [identity-service, provisioning-service]
provisioning-service: [identity-service, catalog-service, promotion-service, billing-service]
promotion-service: [identity-service, provisioning-service]
billing-service: [identity-service]
audit-service: [identity-service]
{{- end -}}

{{/* The HTTP port of every component (the local stack's ports; a Service exposes the same port). */}}
{{- define "catalyst-common.ports" -}}
gateway: 8080
identity-service: 8081
catalog-service: 8082
provisioning-service: 8083
promotion-service: 8084
billing-service: 8085
audit-service: 8086
{{- end -}}

{{/* A service's in-cluster base URL: (list "catalog-service" .) → http://catalog-service:8082 */}}
{{- define "catalyst-common.url" -}}
{{- $name := index . 0 -}}
{{- $ports := fromYaml (include "catalyst-common.ports" (index . 1)) -}}
{{- printf "http://%s:%v" $name (index $ports $name) -}}
{{- end -}}

{{- define "catalyst-common.image" -}}
{{- $g := fromYaml (include "catalyst-common.global" .) -}}
{{- $tag := .Values.image.tag | default $g.image.tag | default .Chart.AppVersion -}}
{{- if $g.image.registry -}}
{{- printf "%s/%s:%s" $g.image.registry .Values.image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{/* The Sovereign's public URL, also the OIDC issuer: set, or https://<ingress host>. */}}
{{- define "catalyst-common.issuerUrl" -}}
{{- $g := fromYaml (include "catalyst-common.global" .) -}}
{{- $g.oidc.issuerUrl | default (printf "https://%s" $g.ingress.host) | trimSuffix "/" -}}
{{- end -}}

{{/* A digest of what the umbrella's catalyst-sovereign ConfigMap holds (the Sovereign settings and the issuer). */}}
{{- define "catalyst-common.sovereignChecksum" -}}
{{- $g := fromYaml (include "catalyst-common.global" .) -}}
{{- printf "%s\n%s" (toYaml $g.sovereign) (include "catalyst-common.issuerUrl" .) | sha256sum -}}
{{- end -}}
