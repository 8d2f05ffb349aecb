{{- define "audit-service.env" }}
{{- end }}
