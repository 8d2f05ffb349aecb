{{- define "billing-service.env" }}
{{- end }}
