{{/*
The environment every Catalyst container gets. Convention (docs/deploy-kubernetes.md): a setting is passed as the
environment variable Spring's relaxed binding maps to the property the code reads (`catalyst.security.identity-url`
← `CATALYST_SECURITY_IDENTITYURL`); other services are reached at http://<service-name>:<port>. Secrets only ever
come from existing Secrets through secretKeyRef.
*/}}
{{- define "catalyst-common.env" -}}
{{- $g := fromYaml (include "catalyst-common.global" .) -}}
{{- $identity := include "catalyst-common.url" (list "identity-service" .) -}}
- name: SPRING_PROFILES_ACTIVE
  value: {{ .Values.profiles | default "kubernetes" | quote }}
- name: CATALYST_SERVER_ADDRESS
  value: "0.0.0.0"
- name: SERVER_PORT
  value: {{ .Values.port | quote }}
- name: CATALYST_HOME
  value: /etc/catalyst
- name: CATALYST_DATA
  value: /var/lib/catalyst
- name: JAVA_TOOL_OPTIONS
  value: {{ printf "-XX:MaxRAMPercentage=%v -Djava.io.tmpdir=/tmp" .Values.jvm.maxRamPercentage | quote }}
- name: CATALYST_SECURITY_IDENTITYURL
  value: {{ $identity | quote }}
- name: CATALYST_SECURITY_TOKENURI
  value: {{ printf "%s/oauth2/token" $identity | quote }}
- name: CATALYST_SECURITY_JWKSETURI
  value: {{ printf "%s/oauth2/jwks" $identity | quote }}
- name: CATALYST_SERVICE_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ $g.serviceSecret.existingSecret | required "global.serviceSecret.existingSecret is required" }}
      key: {{ $g.serviceSecret.key }}
{{- if .Values.kafka.enabled }}
- name: SPRING_KAFKA_BOOTSTRAPSERVERS
  value: {{ $g.kafka.bootstrapServers | required "global.kafka.bootstrapServers is required" | quote }}
{{- if or $g.kafka.tls.enabled $g.kafka.sasl.enabled }}
- name: SPRING_KAFKA_SECURITY_PROTOCOL
  value: {{ ternary (ternary "SASL_SSL" "SSL" $g.kafka.sasl.enabled) "SASL_PLAINTEXT" $g.kafka.tls.enabled }}
{{- end }}
{{- if $g.kafka.tls.enabled }}
- name: SPRING_KAFKA_SSL_TRUSTSTORETYPE
  value: PEM
- name: SPRING_KAFKA_SSL_TRUSTSTORELOCATION
  value: file:/etc/catalyst/kafka-ca/ca.crt
{{- end }}
{{- if $g.kafka.sasl.enabled }}
- name: CATALYST_KAFKA_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $g.kafka.sasl.existingSecret | required "global.kafka.sasl.existingSecret is required with SASL" }}
      key: {{ $g.kafka.sasl.usernameKey }}
- name: CATALYST_KAFKA_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $g.kafka.sasl.existingSecret }}
      key: {{ $g.kafka.sasl.passwordKey }}
- name: SPRING_KAFKA_PROPERTIES_SASL_MECHANISM
  value: {{ $g.kafka.sasl.mechanism | quote }}
- name: SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG
  {{- if hasPrefix "SCRAM" $g.kafka.sasl.mechanism }}
  value: 'org.apache.kafka.common.security.scram.ScramLoginModule required username="$(CATALYST_KAFKA_USERNAME)" password="$(CATALYST_KAFKA_PASSWORD)";'
  {{- else }}
  value: 'org.apache.kafka.common.security.plain.PlainLoginModule required username="$(CATALYST_KAFKA_USERNAME)" password="$(CATALYST_KAFKA_PASSWORD)";'
  {{- end }}
{{- end }}
{{- end }}
{{- with .Values.database }}
{{- if .enabled }}
- name: SPRING_DATASOURCE_URL
  value: {{ printf "jdbc:postgresql://%s:%v/%s?sslmode=%s" (.host | default $g.postgresql.host) (.port | default $g.postgresql.port) .name $g.postgresql.sslMode | quote }}
- name: SPRING_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret | required "database.existingSecret is required" }}
      key: {{ .usernameKey }}
- name: SPRING_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .passwordKey }}
{{- if .migration.existingSecret }}
- name: SPRING_FLYWAY_USER
  valueFrom:
    secretKeyRef:
      name: {{ .migration.existingSecret }}
      key: {{ .migration.usernameKey }}
- name: SPRING_FLYWAY_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .migration.existingSecret }}
      key: {{ .migration.passwordKey }}
{{- end }}
{{- end }}
{{- end }}
{{- include (printf "%s.env" .Chart.Name) . }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}
