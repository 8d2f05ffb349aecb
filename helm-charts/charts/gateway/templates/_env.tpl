{{- define "gateway.env" }}
{{- with .Values.trustedProxies }}
- name: CATALYST_GATEWAY_TRUSTEDPROXIES
  value: {{ join "," . | quote }}
{{- end }}
{{- end }}
