{{- define "identity-service.env" }}
- name: CATALYST_IDENTITY_KEY_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ .Values.keySecret.existingSecret | required "identity-service.keySecret.existingSecret is required" }}
      key: {{ .Values.keySecret.key }}
- name: CATALYST_IDENTITY_OTP_PEPPER
  valueFrom:
    secretKeyRef:
      name: {{ .Values.otpPepper.existingSecret | required "identity-service.otpPepper.existingSecret is required" }}
      key: {{ .Values.otpPepper.key }}
# The SMS inbox test double and the demo Organization are for the local stack only.
- name: CATALYST_DEV_INBOX
  value: "false"
- name: CATALYST_DEMO
  value: "false"
{{- with .Values.mail }}
{{- if .provider }}
- name: CATALYST_IDENTITY_MAIL_PROVIDER
  value: {{ .provider | quote }}
{{- if eq .provider "smtp" }}
- name: CATALYST_IDENTITY_MAIL_HOST
  value: {{ .host | required "identity-service.mail.host is required with provider smtp" | quote }}
- name: CATALYST_IDENTITY_MAIL_PORT
  value: {{ .port | quote }}
- name: CATALYST_IDENTITY_MAIL_FROM
  value: {{ .from | required "identity-service.mail.from is required with provider smtp" | quote }}
{{- with .fromName }}
- name: CATALYST_IDENTITY_MAIL_FROMNAME
  value: {{ . | quote }}
{{- end }}
- name: CATALYST_IDENTITY_MAIL_STARTTLS
  value: {{ .starttls | quote }}
{{- if .username }}
- name: CATALYST_IDENTITY_MAIL_USERNAME
  value: {{ .username | quote }}
- name: CATALYST_IDENTITY_MAIL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .password.existingSecret | required "identity-service.mail.password.existingSecret is required with a username" }}
      key: {{ .password.key }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- with .Values.sms }}
{{- if .provider }}
- name: CATALYST_IDENTITY_SMS_PROVIDER
  value: {{ .provider | quote }}
{{- with .sender }}
- name: CATALYST_IDENTITY_SMS_SENDER
  value: {{ . | quote }}
{{- end }}
{{- if eq .provider "smpp" }}
- name: CATALYST_IDENTITY_SMS_SMPP_HOST
  value: {{ .smpp.host | required "identity-service.sms.smpp.host is required with provider smpp" | quote }}
- name: CATALYST_IDENTITY_SMS_SMPP_PORT
  value: {{ .smpp.port | quote }}
- name: CATALYST_IDENTITY_SMS_SMPP_SYSTEMID
  value: {{ .smpp.systemId | required "identity-service.sms.smpp.systemId is required with provider smpp" | quote }}
- name: CATALYST_IDENTITY_SMS_SMPP_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .smpp.password.existingSecret | required "identity-service.sms.smpp.password.existingSecret is required with provider smpp" }}
      key: {{ .smpp.password.key }}
{{- end }}
{{- if eq .provider "http" }}
- name: CATALYST_IDENTITY_SMS_HTTP_URL
  value: {{ .http.url | required "identity-service.sms.http.url is required with provider http" | quote }}
- name: CATALYST_IDENTITY_SMS_HTTP_FORMAT
  value: {{ .http.format | quote }}
- name: CATALYST_IDENTITY_SMS_HTTP_APIKEYHEADER
  value: {{ .http.apiKeyHeader | quote }}
- name: CATALYST_IDENTITY_SMS_HTTP_APIKEY
  valueFrom:
    secretKeyRef:
      name: {{ .http.apiKey.existingSecret | required "identity-service.sms.http.apiKey.existingSecret is required with provider http" }}
      key: {{ .http.apiKey.key }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
