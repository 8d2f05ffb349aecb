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
{{- end }}
