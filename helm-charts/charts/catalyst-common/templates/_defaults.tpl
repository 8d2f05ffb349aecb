{{/*
The global values a service chart falls back to when it is rendered on its own (the umbrella chart `catalyst`
passes its `global:` block, which documents each of these; keep the two in step).
*/}}
{{- define "catalyst-common.globalDefaults" -}}
image:
  registry: ghcr.io/catalyst-platform
  tag: ""
  pullPolicy: IfNotPresent
  pullSecrets: []
sovereign:
  name: example
  domain: apps.example.com
  currency: OMR
  timezone: Asia/Muscat
  style: sme
oidc:
  issuerUrl: ""
ingress:
  enabled: true
  className: ""
  host: catalyst.example.com
  annotations: {}
  tls:
    enabled: true
    secretName: catalyst-tls
serviceSecret:
  existingSecret: catalyst-service-secret
  key: service-secret
kafka:
  bootstrapServers: catalyst-kafka-bootstrap:9093
  tls:
    enabled: true
    caSecret:
      name: catalyst-cluster-ca-cert
      key: ca.crt
  sasl:
    enabled: false
    mechanism: SCRAM-SHA-512
    existingSecret: ""
    usernameKey: username
    passwordKey: password
  networkPeers:
    - podSelector:
        matchLabels:
          strimzi.io/cluster: catalyst
          strimzi.io/kind: Kafka
  ports: [9092, 9093]
postgresql:
  host: catalyst-db-rw
  port: 5432
  sslMode: require
  networkPeers:
    - podSelector:
        matchLabels:
          cnpg.io/podRole: instance
networkPolicy:
  enabled: true
  dns:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: kube-system
      podSelector:
        matchLabels:
          k8s-app: kube-dns
  ingressController:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: ingress-nginx
  kubernetesApi:
    cidrs: [0.0.0.0/0]
    ports: [443, 6443]
  externalIdentityProviders:
    cidr: 0.0.0.0/0
    except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16]
{{- end -}}

{{/* What a service chart's values fall back to; a chart's values.yaml holds only what differs or what it documents. */}}
{{- define "catalyst-common.serviceDefaults" -}}
replicaCount: 2
profiles: kubernetes
image:
  repository: ""
  tag: ""
port: 8080
kafka:
  enabled: true
database:
  enabled: true
  name: ""
  host: ""
  port: ""
  existingSecret: ""
  usernameKey: username
  passwordKey: password
  networkPeers: []
  migration:
    existingSecret: ""
    usernameKey: username
    passwordKey: password
kubernetesApi:
  enabled: false
externalHttps:
  enabled: false
jvm:
  maxRamPercentage: 75
resources:
  requests:
    cpu: 250m
    memory: 512Mi
  limits:
    cpu: "1"
    memory: 768Mi
probes:
  startup:
    periodSeconds: 5
    failureThreshold: 36
  liveness:
    periodSeconds: 10
    timeoutSeconds: 3
    failureThreshold: 3
  readiness:
    periodSeconds: 5
    timeoutSeconds: 3
    failureThreshold: 3
securityContext:
  runAsUser: 1000
  runAsGroup: 1000
terminationGracePeriodSeconds: 45
tmpSize: 256Mi
dataSize: 1Gi
persistence:
  enabled: false
  size: 20Gi
  storageClassName: ""
  accessMode: ReadWriteOnce
podDisruptionBudget:
  maxUnavailable: 1
autoscaling:
  enabled: false
  minReplicas: 2
  maxReplicas: 6
  targetCPUUtilizationPercentage: 70
podAnnotations: {}
nodeSelector: {}
tolerations: []
affinity: {}
extraEnv: []
{{- end -}}
