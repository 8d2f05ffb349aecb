{{- define "catalog-service.env" }}
{{- $gitHost := printf "%s/git" (include "catalyst-common.url" (list "provisioning-service" .)) }}
- name: CATALYST_CATALOG_ORGANIZATIONSOURCEURL
  value: {{ printf "%s/{owner}/{repo}.git" $gitHost | quote }}
# The whole sources list (an environment variable replaces the list of application.yaml, not one element of it).
- name: CATALYST_CATALOG_SOURCES_0_OWNER
  value: catalog
- name: CATALYST_CATALOG_SOURCES_0_REPO
  value: blueprints
- name: CATALYST_CATALOG_SOURCES_0_URL
  value: {{ printf "%s/catalog/blueprints.git" $gitHost | quote }}
{{- end }}
