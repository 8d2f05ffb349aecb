package io.catalyst.provisioning.sso;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.provisioning.ProvisioningIntegrationTest;
import io.catalyst.provisioning.githost.GitRepositories;
import io.catalyst.provisioning.githost.RepositoryPath;
import io.catalyst.provisioning.support.IdentityServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Installs of a Blueprint with single sign-on against the <b>real identity-service</b> (its own process,
 * {@link IdentityServer}, the same one the shared context is configured with): the OIDC client is registered, the
 * repository references its {@code secretRef} from {@code secrets/sso.yaml} and carries issuer and client id in its
 * values, never a secret; identity refusing rolls the install back.
 *
 * <p>Skipped (not failed) while the identity-service jar has no {@code sso-clients} API yet.
 */
class SsoInstallIT extends ProvisioningIntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired GitRepositories git;

  static final String GITEA = """
      {"blueprint":"bp-gitea","name":"%s","config":{"domain":"git.example.om","adminEmail":"owner@example.om",
       "sso":{"enabled":true,"realm":"main"}}}""";

  String environment(String org) {
    assertThat(call("POST", "/api/v1/provisioning/environments", token("root", org, "org-admin"),
        "{\"organization\":\"" + org + "\",\"type\":\"dev\"}").statusCode()).isIn(201, 409);
    return org + "-dev";
  }

  @Test
  void anSsoBlueprintGetsAnOidcClientReferencedFromSecrets() {
    String org = "sso-install";
    IdentityServer.organizationWithTeams(org);
    String env = environment(org);
    String admin = token("root", org, "org-admin");
    HttpResponse<String> installed = call("POST", "/api/v1/provisioning/environments/" + env + "/applications",
        admin, GITEA.formatted("forge"), Map.of("Idempotency-Key", "sso-forge"));
    assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);
    assertThat(installed.body()).contains("\"kind\":\"SSO\"", "\"target\":\"forge\"");

    RepositoryPath repo = new RepositoryPath(org, "forge");
    String sso = git.read(repo, "develop", "secrets/sso.yaml").orElseThrow();
    assertThat(sso).contains("kind: ExternalSecret", "name: forge-sso", "key: catalyst-sso/");
    assertThat(git.read(repo, "develop", "secrets/kustomization.yaml").orElseThrow()).contains("- sso.yaml");
    String values = git.read(repo, "main", "values.yaml").orElseThrow();
    assertThat(values).contains("clientId:", "issuer:", "existingSecret: forge-sso");
    assertThat(values).doesNotContain("cat_sso_").doesNotContain("clientSecret");
    assertThat(sso).doesNotContain("cat_sso_");
    // Only the Application whose values enable SSO gets a client: its dependencies do not.
    assertThat(git.read(new RepositoryPath(org, "forge-db"), "main", "secrets/sso.yaml")).isEmpty();

    // Uninstall removes the client too (identity answers 204; a second removal is a no-op).
    assertThat(call("DELETE", "/api/v1/provisioning/environments/" + env + "/applications/forge", admin)
        .statusCode()).isEqualTo(200);
  }

  @Test
  void identityRefusingTheClientRollsTheInstallBack() {
    String org = "sso-unknown"; // an Organization identity-service does not know: the registration is refused
    String env = environment(org);
    HttpResponse<String> installed = call("POST", "/api/v1/provisioning/environments/" + env + "/applications",
        token("root", org, "org-admin"), GITEA.formatted("forge"), Map.of("Idempotency-Key", "sso-unknown"));
    assertThat(installed.statusCode()).as(installed.body()).isEqualTo(500);
    assertThat(installed.body()).contains("install-rolled-back", "single sign-on");
    assertThat(git.exists(new RepositoryPath(org, "forge"))).isFalse();
    assertThat(jdbc.sql("select count(*) from application where organization = :o").param("o", org)
        .query(Long.class).single()).isZero();
  }
}
