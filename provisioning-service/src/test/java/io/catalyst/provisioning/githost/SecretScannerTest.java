package io.catalyst.provisioning.githost;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretScannerTest {

  private final SecretScanner scanner = new SecretScanner();

  @Test
  void literalValuesUnderSecretKeysAreFound() {
    assertThat(scanner.scan("values.yaml", """
        database:
          host: db
          password: hunter2
        smtp: {apiKey: "SG.abc"}
        auth:
          client_secret: 12345
        """)).extracting(SecretScanner.Finding::key)
        .containsExactly("database.password", "smtp.apiKey", "auth.client_secret");
  }

  @Test
  void referencesAndHarmlessKeysPass() {
    assertThat(scanner.scan("overlays/prod/values.yaml", """
        database:
          existingSecret: shop-db
          passwordSecretRef: {name: shop-db, key: password}
          secretName: shop-db
          password: ref+openbao://org/acme/env/prod/db#password
          token: ""
          tokenEnabled: true
        env:
          - name: API_TOKEN
            valueFrom: {secretKeyRef: {name: shop, key: token}}
        """)).isEmpty();
    assertThat(scanner.scan("README.md", "password: hunter2")).as("not a checked path").isEmpty();
    assertThat(scanner.scan("chart/values.yaml", "password: hunter2")).isEmpty();
  }

  @Test
  void secretsHoldsExternalSecretsNotSecrets() {
    assertThat(scanner.scan("secrets/db.yaml", """
        apiVersion: external-secrets.io/v1
        kind: ExternalSecret
        metadata: {name: db}
        spec:
          secretStoreRef: {kind: ClusterSecretStore, name: openbao}
          data:
            - secretKey: password
              remoteRef: {key: org/acme/app/db, property: password}
        """)).isEmpty();
    assertThat(scanner.scan("secrets/db.yaml", """
        apiVersion: v1
        kind: Secret
        metadata: {name: db}
        stringData: {password: hunter2}
        """)).singleElement().satisfies(f -> assertThat(f.problem()).contains("Kubernetes Secret"));
    assertThat(scanner.scan("secrets/key.pem", "-----BEGIN RSA PRIVATE KEY-----\nabc")).hasSize(2);
  }

  @Test
  void unreadableYamlCannotBeCheckedAndIsRefused() {
    assertThat(scanner.scan("values.yaml", "a: [unclosed")).singleElement()
        .satisfies(f -> assertThat(f.problem()).contains("not valid YAML"));
  }
}
