{{/*
The pod of a Catalyst service: non-root, read-only root filesystem, no privilege escalation, every capability
dropped; /tmp and the data directory are volumes. Probes use the actuator's health groups (Boot's probes are on in
every service: platform/core CatalystDefaults).
*/}}
{{- define "catalyst-common.podTemplate" -}}
{{- $g := fromYaml (include "catalyst-common.global" .) -}}
metadata:
  labels:
    {{- include "catalyst-common.labels" . | nindent 4 }}
  annotations:
    # The catalyst-sovereign ConfigMap is rendered from exactly these values: a change rolls every pod.
    checksum/sovereign: {{ include "catalyst-common.sovereignChecksum" . }}
    {{- with .Values.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "catalyst-common.name" . }}
  automountServiceAccountToken: {{ .Values.kubernetesApi.enabled }}
  enableServiceLinks: false
  terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
  {{- with $g.image.pullSecrets }}
  imagePullSecrets:
    {{- range . }}
    - name: {{ . }}
    {{- end }}
  {{- end }}
  securityContext:
    runAsNonRoot: true
    runAsUser: {{ .Values.securityContext.runAsUser }}
    runAsGroup: {{ .Values.securityContext.runAsGroup }}
    fsGroup: {{ .Values.securityContext.runAsGroup }}
    fsGroupChangePolicy: OnRootMismatch
    seccompProfile:
      type: RuntimeDefault
  {{- with .Values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  topologySpreadConstraints:
    - maxSkew: 1
      topologyKey: kubernetes.io/hostname
      whenUnsatisfiable: ScheduleAnyway
      labelSelector:
        matchLabels:
          {{- include "catalyst-common.selectorLabels" . | nindent 10 }}
  containers:
    - name: {{ include "catalyst-common.name" . }}
      image: {{ include "catalyst-common.image" . | quote }}
      imagePullPolicy: {{ $g.image.pullPolicy }}
      ports:
        - name: http
          containerPort: {{ .Values.port }}
          protocol: TCP
      env:
        {{- include "catalyst-common.env" . | nindent 8 }}
      startupProbe:
        httpGet:
          path: /actuator/health/liveness
          port: http
        periodSeconds: {{ .Values.probes.startup.periodSeconds }}
        failureThreshold: {{ .Values.probes.startup.failureThreshold }}
      livenessProbe:
        httpGet:
          path: /actuator/health/liveness
          port: http
        periodSeconds: {{ .Values.probes.liveness.periodSeconds }}
        timeoutSeconds: {{ .Values.probes.liveness.timeoutSeconds }}
        failureThreshold: {{ .Values.probes.liveness.failureThreshold }}
      readinessProbe:
        httpGet:
          path: /actuator/health/readiness
          port: http
        periodSeconds: {{ .Values.probes.readiness.periodSeconds }}
        timeoutSeconds: {{ .Values.probes.readiness.timeoutSeconds }}
        failureThreshold: {{ .Values.probes.readiness.failureThreshold }}
      resources:
        {{- toYaml .Values.resources | nindent 8 }}
      securityContext:
        runAsNonRoot: true
        readOnlyRootFilesystem: true
        allowPrivilegeEscalation: false
        capabilities:
          drop: [ALL]
      volumeMounts:
        - name: tmp
          mountPath: /tmp
        - name: data
          mountPath: /var/lib/catalyst
        - name: sovereign
          mountPath: /etc/catalyst/config
          readOnly: true
        {{- if and .Values.kafka.enabled $g.kafka.tls.enabled }}
        - name: kafka-ca
          mountPath: /etc/catalyst/kafka-ca
          readOnly: true
        {{- end }}
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: {{ .Values.tmpSize }}
    {{- if not .Values.persistence.enabled }}
    - name: data
      emptyDir:
        sizeLimit: {{ .Values.dataSize }}
    {{- end }}
    # The Sovereign's settings: every service imports ${CATALYST_HOME}/config/sovereign.yaml.
    - name: sovereign
      configMap:
        name: catalyst-sovereign
        items:
          - key: application.yaml
            path: sovereign.yaml
    {{- if and .Values.kafka.enabled $g.kafka.tls.enabled }}
    - name: kafka-ca
      secret:
        secretName: {{ $g.kafka.tls.caSecret.name }}
        items:
          - key: {{ $g.kafka.tls.caSecret.key }}
            path: ca.crt
    {{- end }}
{{- end -}}
