{{- define "provisioning-service.env" }}
- name: CATALYST_PROVISIONING_CATALOGURL
  value: {{ include "catalyst-common.url" (list "catalog-service" .) | quote }}
# Read by the promotion and billing Feign clients once they replace the stand-ins (same convention).
- name: CATALYST_PROVISIONING_PROMOTIONURL
  value: {{ include "catalyst-common.url" (list "promotion-service" .) | quote }}
- name: CATALYST_PROVISIONING_BILLINGURL
  value: {{ include "catalyst-common.url" (list "billing-service" .) | quote }}
- name: CATALYST_PROVISIONING_RUNTIME
  value: {{ .Values.runtime | quote }}
{{- if eq .Values.runtime "kubernetes" }}
- name: CATALYST_PROVISIONING_KUBERNETES_NAMESPACES
  value: {{ join "," .Values.fluxNamespaces | quote }}
{{- end }}
{{- end }}
