package io.catalyst.identity.contract;

import static org.assertj.core.api.Assertions.assertThat;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.catalyst.identity.support.IdentityIntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.DeserializationFeature;

/**
 * The identity events other services consume, as identity's real code paths write them to the outbox, read back
 * strictly (a field the contract record does not have fails) into the records of {@code contracts/identity}:
 * provisioning-service creates {@code {org}-prod} and {@code {org}/shared-blueprints} from
 * {@code organization.created.v1}.
 */
class IdentityEventsContractIT extends IdentityIntegrationTest {

  @Test
  void organizationCreatedIsTheContractRecord() throws Exception {
    var signedUp = signUpByEmail("owner@contract-bakery.example", "Frankincense-Route-2026!", "contract-bakery");

    String data = jdbc.sql("select data::text from catalyst_outbox where type = :type and subject = :subject")
        .param("type", IdentityEvents.PREFIX + IdentityEvents.ORGANIZATION_CREATED)
        .param("subject", "organizations/contract-bakery").query(String.class).single();
    IdentityEvents.OrganizationCreated created = json.rebuild()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
        .readValue(data, IdentityEvents.OrganizationCreated.class);

    assertThat(created.organization()).isEqualTo("contract-bakery");
    assertThat(created.displayName()).isEqualTo("Business of contract-bakery");
    assertThat(created.createdBy()).isEqualTo(signedUp.get("userId").asString());
    assertThat(created.style()).isNotBlank();
  }

  /** Audit reads logins: who, into which Organization, how, through which surface and client. */
  @Test
  void loginSucceededIsTheContractRecord() throws Exception {
    String email = "owner@contract-login.example";
    String password = "Frankincense-Route-2026!";
    String userId = signUpByEmail(email, password, "contract-login").get("userId").asString();
    assertThat(status(postJson("/api/v1/identity/login/password", Map.of("email", email, "password", password))))
        .isEqualTo(200);

    IdentityEvents.LoginSucceeded login = strict(IdentityEvents.LOGIN_SUCCEEDED, "users/" + userId,
        IdentityEvents.LoginSucceeded.class);

    assertThat(login).isEqualTo(new IdentityEvents.LoginSucceeded(userId, "contract-login", "password", null, "api",
        null));
  }

  /** Audit reads wrong passwords given for an account. */
  @Test
  void loginFailedIsTheContractRecord() throws Exception {
    String email = "owner@contract-failed.example";
    String userId = signUpByEmail(email, "Frankincense-Route-2026!", "contract-failed").get("userId").asString();
    assertThat(status(postJson("/api/v1/identity/login/password", Map.of("email", email, "password", "Myrrh-1"))))
        .isEqualTo(401);

    IdentityEvents.LoginFailed failed = strict(IdentityEvents.LOGIN_FAILED, "users/" + userId,
        IdentityEvents.LoginFailed.class);

    assertThat(failed).isEqualTo(new IdentityEvents.LoginFailed(userId, "contract-failed", "password",
        "wrong-password", 1, "api"));
  }

  /** Audit reads who resolved an Application's SSO client secret. */
  @Test
  void ssoClientSecretReadIsTheContractRecord() throws Exception {
    signUpByEmail("owner@contract-sso.example", "Frankincense-Route-2026!", "contract-sso");
    String env = "contract-sso-prod";
    String clientId = "app-" + env + "-shop";
    assertThat(status(bearer(from(put("/api/v1/identity/organizations/contract-sso/sso-clients/shop"))
        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("environment", env,
            "redirectUris", List.of("https://shop." + env + ".example.com/oauth2/callback")))),
        serviceToken("provisioning-service")))).isEqualTo(201);
    assertThat(status(bearer(get("/api/v1/identity/sso-clients/" + clientId + "/secret"),
        serviceToken("secret-store")))).isEqualTo(200);

    IdentityEvents.SsoClientSecretRead read = strict(IdentityEvents.SSO_CLIENT_SECRET_READ,
        "organizations/contract-sso/environments/" + env + "/applications/shop/sso-client",
        IdentityEvents.SsoClientSecretRead.class);

    assertThat(read).isEqualTo(new IdentityEvents.SsoClientSecretRead("contract-sso", env, "shop", clientId,
        "secret-store"));
  }

  private <T> T strict(String type, String subject, Class<T> record) throws Exception {
    String data = jdbc.sql("select data::text from catalyst_outbox where type = :type and subject = :subject")
        .param("type", IdentityEvents.PREFIX + type).param("subject", subject).query(String.class).single();
    return json.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build().readValue(data, record);
  }
}
