package io.catalyst.identity.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.identity.support.IdentityIntegrationTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

class LoginIT extends IdentityIntegrationTest {

  private static final String PASSWORD = "correct horse battery staple";

  @Test
  void passwordLoginIssuesTokensWithTheMembershipClaims() throws Exception {
    String slug = uniqueSlug("login");
    JsonNode signup = signUpByEmail(slug + "@example.com", PASSWORD, slug);
    MvcResult r = mvc.perform(postJson("/api/v1/identity/login/password",
        Map.of("email", " " + slug.toUpperCase() + "@Example.com ", "password", PASSWORD))).andReturn();
    assertThat(r.getResponse().getStatus()).isEqualTo(200);
    assertThat(claims(body(r).get("accessToken").asString())).containsEntry("org", slug)
        .containsEntry("sub", signup.get("userId").asString());

    String user = signup.get("userId").asString();
    var logins = outbox("login.succeeded.v1", "users/" + user);
    assertThat(logins).as("the sign-up started a session but is no login").hasSize(1);
    assertThat(logins.get(0)).containsEntry("organization", slug).containsEntry("actor", user)
        .containsEntry("actor_kind", "user").containsEntry("surface", "api");
    JsonNode data = json.readTree((String) logins.get(0).get("data"));
    assertThat(data.get("userId").asString()).isEqualTo(user);
    assertThat(data.get("organization").asString()).isEqualTo(slug);
    assertThat(data.get("method").asString()).isEqualTo("password");
    assertThat(data.get("surface").asString()).isEqualTo("api");
    assertThat(data.get("provider").isNull()).isTrue();
    assertThat(data.get("clientId").isNull()).isTrue();
    assertThat(data.toString()).doesNotContain(PASSWORD).doesNotContain(body(r).get("accessToken").asString())
        .doesNotContain(body(r).get("refreshToken").asString());

    // a wrong password and a refresh are no logins
    assertThat(status(postJson("/api/v1/identity/login/password",
        Map.of("email", slug + "@example.com", "password", "wrong " + PASSWORD)))).isEqualTo(401);
    assertThat(status(postJson("/api/v1/identity/token/refresh",
        Map.of("refreshToken", body(r).get("refreshToken").asString())))).isEqualTo(200);
    assertThat(outbox("login.succeeded.v1", "users/" + user)).hasSize(1);
  }

  @Test
  void repeatedFailuresLockTheAccountTemporarilyAndPublishAnEvent() throws Exception {
    String slug = uniqueSlug("lock");
    String email = slug + "@example.com";
    String userId = signUpByEmail(email, PASSWORD, slug).get("userId").asString();
    for (int i = 0; i < 5; i++) {
      assertThat(status(postJson("/api/v1/identity/login/password", Map.of("email", email, "password", "wrong-"
          + i)))).isEqualTo(401);
    }
    // Locked: even the right password waits.
    MvcResult locked = mvc.perform(postJson("/api/v1/identity/login/password",
        Map.of("email", email, "password", PASSWORD))).andReturn();
    assertThat(locked.getResponse().getStatus()).isEqualTo(429);
    assertThat(Long.parseLong(locked.getResponse().getHeader("Retry-After"))).isBetween(800L, 900L);
    assertThat(outbox("login.failures-repeated.v1", "users/" + userId)).hasSize(1);
    // Each wrong password for the account is on the record (for its security officer), the attempt while locked not:
    // the lockout bounds how many one account can cause.
    var failed = outbox("login.failed.v1", "users/" + userId);
    assertThat(failed).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(failed.get(i)).containsEntry("organization", slug).containsEntry("actor", "anonymous")
          .containsEntry("surface", "api");
      JsonNode data = json.readTree((String) failed.get(i).get("data"));
      assertThat(data.get("userId").asString()).isEqualTo(userId);
      assertThat(data.get("method").asString()).isEqualTo("password");
      assertThat(data.get("reason").asString()).isEqualTo("wrong-password");
      assertThat(data.get("failures").asInt()).isEqualTo(i + 1);
      assertThat(data.toString()).doesNotContain("wrong-" + i);
    }

    clock.advance(Duration.ofMinutes(15).plusSeconds(1));
    assertThat(status(postJson("/api/v1/identity/login/password", Map.of("email", email, "password", PASSWORD))))
        .isEqualTo(200);
  }

  @Test
  void anUnknownEmailGetsTheSameAnswerAsAWrongPassword() throws Exception {
    MvcResult r = mvc.perform(postJson("/api/v1/identity/login/password",
        Map.of("email", "nobody-" + uniqueSlug("n") + "@example.com", "password", PASSWORD))).andReturn();
    assertThat(r.getResponse().getStatus()).isEqualTo(401);
    assertThat(r.getResponse().getContentAsString()).contains("email or password is wrong");
  }

  /**
   * Issue 12 (account enumeration): the lockout after five failures used to reach only accounts, so a sixth attempt
   * answering 429 told that the email had one. An email without an account is now locked alike.
   */
  @Test
  void theLockoutAnswersAnEmailWithoutAccountLikeAnAccount() throws Exception {
    String slug = uniqueSlug("enum");
    String known = slug + "@example.com";
    signUpByEmail(known, PASSWORD, slug);
    String unknown = "nobody-" + slug + "@example.com";
    for (int i = 0; i < 6; i++) {
      MvcResult k = mvc.perform(postJson("/api/v1/identity/login/password", Map.of("email", known,
          "password", "wrong-" + i))).andReturn();
      MvcResult u = mvc.perform(postJson("/api/v1/identity/login/password", Map.of("email", unknown,
          "password", "wrong-" + i))).andReturn();
      assertThat(u.getResponse().getStatus()).as("attempt " + (i + 1)).isEqualTo(k.getResponse().getStatus())
          .isEqualTo(i < 5 ? 401 : 429);
      assertThat(body(u).get("detail")).isEqualTo(body(k).get("detail"));
      assertThat(u.getResponse().getHeader("Retry-After")).isEqualTo(k.getResponse().getHeader("Retry-After"));
    }
    clock.advance(Duration.ofMinutes(15).plusSeconds(1));
    assertThat(status(postJson("/api/v1/identity/login/password", Map.of("email", unknown, "password", PASSWORD))))
        .isEqualTo(401);
    assertThat(status(postJson("/api/v1/identity/login/password", Map.of("email", known, "password", PASSWORD))))
        .isEqualTo(200);
  }

  @Test
  void codeLoginForAnExistingPhoneUser() throws Exception {
    String phone = newPhone();
    JsonNode signup = signUpByPhone(phone, "Code Login " + uniqueSlug("c").substring(2), null);
    clock.advance(Duration.ofSeconds(31));
    String code = sendCode(phone);
    MvcResult r = mvc.perform(postJson("/api/v1/identity/login/code", Map.of("phone", phone, "code", code)))
        .andReturn();
    assertThat(r.getResponse().getStatus()).isEqualTo(200);
    assertThat(body(r).get("userId").asString()).isEqualTo(signup.get("userId").asString());

    var logins = outbox("login.succeeded.v1", "users/" + signup.get("userId").asString());
    assertThat(logins).hasSize(1);
    JsonNode data = json.readTree((String) logins.get(0).get("data"));
    assertThat(data.get("method").asString()).isEqualTo("phone-code");
    assertThat(data.toString()).doesNotContain(code).doesNotContain(phone)
        .doesNotContain(body(r).get("accessToken").asString());
  }
}
