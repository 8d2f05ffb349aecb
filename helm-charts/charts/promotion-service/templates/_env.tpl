{{- define "promotion-service.env" }}
{{- end }}
