{{/*
Everything a Catalyst service chart renders: `{{ include "catalyst-common.all" . }}` is its one template. The
chart's values are merged over catalyst-common.serviceDefaults first.
*/}}
{{- define "catalyst-common.all" -}}
{{- $defaults := fromYaml (include "catalyst-common.serviceDefaults" .) -}}
{{- $values := mustMergeOverwrite $defaults (deepCopy .Values) -}}
{{- $ctx := dict "Values" $values "Chart" .Chart "Release" .Release "Capabilities" .Capabilities "Template" .Template "Files" .Files -}}
{{- if not $values.image.repository }}{{ fail (printf "%s: image.repository is required" .Chart.Name) }}{{ end -}}
{{ include "catalyst-common.serviceAccount" $ctx }}
---
{{ include "catalyst-common.role" $ctx }}
---
{{ include "catalyst-common.service" $ctx }}
---
{{ include "catalyst-common.workload" $ctx }}
---
{{ include "catalyst-common.pdb" $ctx }}
{{- if $values.autoscaling.enabled }}
---
{{ include "catalyst-common.hpa" $ctx }}
{{- end }}
{{- $g := fromYaml (include "catalyst-common.global" $ctx) -}}
{{- if $g.networkPolicy.enabled }}
---
{{ include "catalyst-common.networkPolicy" $ctx }}
{{- end }}
{{- end -}}

{{- define "catalyst-common.serviceAccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "catalyst-common.name" . }}
  labels:
    {{- include "catalyst-common.labels" . | nindent 4 }}
automountServiceAccountToken: false
{{- end -}}

{{/* What Spring Cloud Kubernetes reads: the catalyst-sovereign ConfigMap (config and reload) and discovery. */}}
{{- define "catalyst-common.role" -}}
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ include "catalyst-common.name" . }}
  labels:
    {{- include "catalyst-common.labels" . | nindent 4 }}
rules:
  - apiGroups: [""]
    resources: [configmaps, pods, services, endpoints]
    verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: {{ include "catalyst-common.name" . }}
  labels:
    {{- include "catalyst-common.labels" . | nindent 4 }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: {{ include "catalyst-common.name" . }}
subjects:
  - kind: ServiceAccount
    name: {{ include "catalyst-common.name" . }}
    namespace: {{ .Release.Namespace }}
{{- end -}}

{{- define "catalyst-common.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "catalyst-common.name" . }}
  labels:
    {{- include "catalyst-common.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "catalyst-common.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ .Values.port }}
      targetPort: http
      protocol: TCP
{{- end -}}

{{- define "catalyst-common.workload" -}}
{{- if .Values.persistence.enabled -}}
{{- if gt (int .Values.replicaCount) 1 -}}
{{- fail (printf "%s: replicaCount is %v; a service with a persistent volume (the Git host's single writer) runs exactly one replica (docs/deploy-kubernetes.md)" .Chart.Name .Values.replicaCount) -}}
{{- end -}}
{{- if .Values.autoscaling.enabled -}}
{{- fail (printf "%s: autoscaling cannot be enabled for a single-writer StatefulSet" .Chart.Name) -}}
{{- end -}}
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {{ include "catalyst-common.name" . }}
  labels:
    {{- include "catalyst-common.labels" . | nindent 4 }}
spec:
  serviceName: {{ include "catalyst-common.name" . }}
  replicas: {{ .Values.replicaCount }}
  podManagementPolicy: OrderedReady
  updateStrategy:
    type: RollingUpdate
  persistentVolumeClaimRetentionPolicy:
    whenDeleted: Retain
    whenScaled: Retain
  selector:
    matchLabels:
      {{- include "catalyst-common.selectorLabels" . | nindent 6 }}
  template:
    {{- include "catalyst-common.podTemplate" . | nindent 4 }}
  volumeClaimTemplates:
    - metadata:
        name: data
        labels:
          {{- include "catalyst-common.selectorLabels" . | nindent 10 }}
      spec:
        accessModes: [{{ .Values.persistence.accessMode }}]
        {{- with .Values.persistence.storageClassName }}
        storageClassName: {{ . }}
        {{- end }}
        resources:
          requests:
            storage: {{ .Values.persistence.size }}
{{- else -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "catalyst-common.name" . }}
  labels:
    {{- include "catalyst-common.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1
  selector:
    matchLabels:
      {{- include "catalyst-common.selectorLabels" . | nindent 6 }}
  template:
    {{- include "catalyst-common.podTemplate" . | nindent 4 }}
{{- end -}}
{{- end -}}

{{/* maxUnavailable (not minAvailable): a drain of a single-replica workload still proceeds, one pod at a time. */}}
{{- define "catalyst-common.pdb" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "catalyst-common.name" . }}
  labels:
    {{- include "catalyst-common.labels" . | nindent 4 }}
spec:
  maxUnavailable: {{ .Values.podDisruptionBudget.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "catalyst-common.selectorLabels" . | nindent 6 }}
{{- end -}}

{{- define "catalyst-common.hpa" -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "catalyst-common.name" . }}
  labels:
    {{- include "catalyst-common.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "catalyst-common.name" . }}
  minReplicas: {{ .Values.autoscaling.minReplicas }}
  maxReplicas: {{ .Values.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .Values.autoscaling.targetCPUUtilizationPercentage }}
{{- end -}}

{{/*
Default deny both ways for the service's pods, then exactly: its callers in (catalyst-common.calls), its callees
out, DNS, Kafka and its PostgreSQL when it uses them, the Kubernetes API when kubernetesApi.enabled, external
HTTPS (identity providers) when externalHttps.enabled. The gateway alone is admitted from the ingress controller.
*/}}
{{- define "catalyst-common.networkPolicy" -}}
{{- $g := fromYaml (include "catalyst-common.global" .) -}}
{{- $calls := fromYaml (include "catalyst-common.calls" .) -}}
{{- $ports := fromYaml (include "catalyst-common.ports" .) -}}
{{- $me := include "catalyst-common.name" . -}}
{{- $callers := list -}}
{{- range $caller := keys $calls | sortAlpha -}}
{{- if has $me (index $calls $caller) -}}{{- $callers = append $callers $caller -}}{{- end -}}
{{- end -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ $me }}
  labels:
    {{- include "catalyst-common.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "catalyst-common.selectorLabels" . | nindent 6 }}
  policyTypes: [Ingress, Egress]
  ingress:
    {{- if eq $me "gateway" }}
    - from:
        {{- toYaml $g.networkPolicy.ingressController | nindent 8 }}
      ports:
        - port: {{ .Values.port }}
          protocol: TCP
    {{- end }}
    {{- if $callers }}
    - from:
        {{- range $callers }}
        - podSelector:
            matchLabels:
              app.kubernetes.io/name: {{ . }}
              app.kubernetes.io/part-of: catalyst
        {{- end }}
      ports:
        - port: {{ .Values.port }}
          protocol: TCP
    {{- end }}
  egress:
    - to:
        {{- toYaml $g.networkPolicy.dns | nindent 8 }}
      ports:
        - port: 53
          protocol: UDP
        - port: 53
          protocol: TCP
    {{- range $callee := index $calls $me }}
    - to:
        - podSelector:
            matchLabels:
              app.kubernetes.io/name: {{ $callee }}
              app.kubernetes.io/part-of: catalyst
      ports:
        - port: {{ index $ports $callee }}
          protocol: TCP
    {{- end }}
    {{- if .Values.kafka.enabled }}
    - to:
        {{- toYaml $g.kafka.networkPeers | nindent 8 }}
      ports:
        {{- range $g.kafka.ports }}
        - port: {{ . }}
          protocol: TCP
        {{- end }}
    {{- end }}
    {{- if .Values.database.enabled }}
    - to:
        {{- toYaml (.Values.database.networkPeers | default $g.postgresql.networkPeers) | nindent 8 }}
      ports:
        - port: {{ .Values.database.port | default $g.postgresql.port }}
          protocol: TCP
    {{- end }}
    {{- if .Values.kubernetesApi.enabled }}
    - to:
        {{- range $g.networkPolicy.kubernetesApi.cidrs }}
        - ipBlock:
            cidr: {{ . }}
        {{- end }}
      ports:
        {{- range $g.networkPolicy.kubernetesApi.ports }}
        - port: {{ . }}
          protocol: TCP
        {{- end }}
    {{- end }}
    {{- if (.Values.externalHttps).enabled }}
    - to:
        - ipBlock:
            cidr: {{ $g.networkPolicy.externalIdentityProviders.cidr }}
            {{- with $g.networkPolicy.externalIdentityProviders.except }}
            except:
              {{- toYaml . | nindent 14 }}
            {{- end }}
      ports:
        - port: 443
          protocol: TCP
    {{- end }}
{{- end -}}
