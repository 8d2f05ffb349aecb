package io.catalyst.identity.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.catalyst.identity.support.IdentityIntegrationTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * Email verification through the mail port, for an email that is not proven (an email sign-up proves it with its
 * code: older accounts, the demo sovereign-admin): a cat_ver_ link on request verifies once within 24 hours; the
 * access token and the profile show it; sending is limited; an email invitation needs a verified email.
 */
class EmailVerificationIT extends IdentityIntegrationTest {

  private static final String PASSWORD = "correct horse battery staple";
  private static final String VERIFY = "/api/v1/identity/email-verification";

  @Test
  void aMailedLinkVerifiesAnUnprovenEmailOnce() throws Exception {
    String slug = uniqueSlug("verify");
    String email = slug + "@example.com";
    JsonNode signup = unprovenAccount(email, slug);
    String userId = signup.get("userId").asString();
    assertThat(claims(signup.get("accessToken").asString())).containsEntry("email_verified", false);
    assertThat(profile(signup.get("accessToken").asString()).get("emailVerified").asBoolean()).isFalse();

    assertThat(status(bearer(from(post(VERIFY + "/resend")), signup.get("accessToken").asString()))).isEqualTo(202);
    String token = latestVerificationToken(email);
    assertThat(token).startsWith("cat_ver_");
    assertThat(jdbc.sql("select count(*) from email_verification where user_id = :u::uuid and token_hash = "
        + "sha256(convert_to(:t, 'UTF8'))").param("u", userId).param("t", token).query(Long.class).single())
        .as("only the hash is stored").isEqualTo(1);
    assertThat(jdbc.sql("select count(*) from email_verification where encode(token_hash, 'escape') like 'cat_ver_%'")
        .query(Long.class).single()).isZero();

    MvcResult verified = mvc.perform(postJson(VERIFY, Map.of("token", token))).andReturn();
    assertThat(verified.getResponse().getStatus()).as(verified.getResponse().getContentAsString()).isEqualTo(200);
    assertThat(body(verified).get("userId").asString()).isEqualTo(userId);
    assertThat(body(verified).get("emailVerified").asBoolean()).isTrue();
    var events = outbox("email.verified.v1", "users/" + userId);
    assertThat(events).hasSize(1);
    assertThat((String) events.get(0).get("data")).contains(slug).doesNotContain(email);

    JsonNode next = refresh(signup.get("refreshToken").asString());
    assertThat(claims(next.get("accessToken").asString())).containsEntry("email_verified", true);
    assertThat(profile(next.get("accessToken").asString()).get("emailVerified").asBoolean()).isTrue();
    assertThat(claims(loginByPassword(email, PASSWORD).get("accessToken").asString()))
        .containsEntry("email_verified", true);

    MvcResult again = mvc.perform(postJson(VERIFY, Map.of("token", token))).andReturn();
    assertThat(again.getResponse().getStatus()).as("used once").isEqualTo(410);
    assertThat(body(again).get("type").asString()).endsWith("/gone");
    assertThat(outbox("email.verified.v1", "users/" + userId)).hasSize(1);
    // verified already: nothing to resend
    assertThat(status(bearer(from(post(VERIFY + "/resend")), next.get("accessToken").asString()))).isEqualTo(409);
  }

  @Test
  void anExpiredLinkIsGoneAndBadTokensAre400Or404() throws Exception {
    String slug = uniqueSlug("verify-late");
    String email = slug + "@example.com";
    JsonNode signup = unprovenAccount(email, slug);
    assertThat(status(bearer(from(post(VERIFY + "/resend")), signup.get("accessToken").asString()))).isEqualTo(202);
    String token = latestVerificationToken(email);
    clock.advance(Duration.ofHours(24).plusMinutes(1));
    MvcResult late = mvc.perform(postJson(VERIFY, Map.of("token", token))).andReturn();
    assertThat(late.getResponse().getStatus()).isEqualTo(410);
    assertThat(body(late).get("detail").asString()).contains("expired");
    assertThat(claims(refresh(signup.get("refreshToken").asString()).get("accessToken").asString()))
        .containsEntry("email_verified", false);

    MvcResult bad = mvc.perform(postJson(VERIFY, Map.of("token", "nonsense"))).andReturn();
    assertThat(bad.getResponse().getStatus()).isEqualTo(400);
    assertThat(body(bad).get("errors").get(0).get("field").asString()).isEqualTo("token");
    assertThat(status(postJson(VERIFY, Map.of("token", "cat_ver_unknown")))).isEqualTo(404);
  }

  @Test
  void resendingIsForTheSignedInUserWithinACooldownAndAnHourlyLimit() throws Exception {
    String slug = uniqueSlug("verify-again");
    String email = slug + "@example.com";
    JsonNode signup = unprovenAccount(email, slug);
    String access = signup.get("accessToken").asString();
    assertThat(status(bearer(from(post(VERIFY + "/resend")), access))).isEqualTo(202);
    String first = latestVerificationToken(email);

    MvcResult tooSoon = mvc.perform(bearer(from(post(VERIFY + "/resend")), access)).andReturn();
    assertThat(tooSoon.getResponse().getStatus()).as("a mail starts the cooldown").isEqualTo(429);
    assertThat(tooSoon.getResponse().getHeader("Retry-After")).isNotNull();
    assertThat(status(from(post(VERIFY + "/resend")))).as("signed in only").isEqualTo(401);

    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofSeconds(61));
      MvcResult sent = mvc.perform(bearer(from(post(VERIFY + "/resend")), access)).andReturn();
      assertThat(sent.getResponse().getStatus()).as(sent.getResponse().getContentAsString()).isEqualTo(202);
      assertThat(body(sent).get("expiresIn").asLong()).isEqualTo(86_400);
    }
    clock.advance(Duration.ofSeconds(61));
    assertThat(status(bearer(from(post(VERIFY + "/resend")), access))).as("5 mails an hour").isEqualTo(429);
    String latest = latestVerificationToken(email);
    assertThat(latest).isNotEqualTo(first);

    // any outstanding link verifies; the others end with it
    assertThat(status(postJson(VERIFY, Map.of("token", first)))).isEqualTo(200);
    assertThat(status(postJson(VERIFY, Map.of("token", latest)))).isEqualTo(410);

    // a phone-only account has no email to verify
    String phoneUser = signUpByPhone(newPhone(), "Phone shop", uniqueSlug("verify-phone")).get("accessToken")
        .asString();
    assertThat(claims(phoneUser)).containsEntry("email_verified", false);
    assertThat(status(bearer(from(post(VERIFY + "/resend")), phoneUser))).isEqualTo(409);
    assertThat(status(bearer(from(post(VERIFY + "/resend")), serviceToken("billing-service")))).isEqualTo(403);
  }

  @Test
  void anEmailInvitationIsAcceptedOnlyWithAVerifiedEmail() throws Exception {
    String org = uniqueSlug("verify-inv");
    String admin = signUpByEmail(org + "@example.com", PASSWORD, org).get("accessToken").asString();
    // someone with an account of their own but without an Organization (a member removed elsewhere)
    String other = uniqueSlug("verify-inv-o");
    JsonNode otherAdmin = signUpByEmail(other + "@example.com", PASSWORD, other);
    String email = "joiner-" + org + "@example.com";
    String first = invite(other, otherAdmin.get("accessToken").asString(), Map.of("email", email, "role",
        "org-viewer")).get("token").asString();
    JsonNode joiner = body(mvc.perform(postJson("/api/v1/identity/signup/invitation",
        Map.of("token", first, "email", email, "code", sendEmailCode(email), "password", PASSWORD))).andReturn());
    assertThat(claims(joiner.get("accessToken").asString())).as("the code proved the mailbox")
        .containsEntry("email_verified", true);
    String joinerId = joiner.get("userId").asString();
    assertThat(status(bearer(from(delete("/api/v1/identity/organizations/" + other + "/members/" + joinerId)),
        otherAdmin.get("accessToken")
        .asString()))).isEqualTo(204);

    // an unverified account with the invited email cannot accept
    String unverifiedEmail = "unverified-" + org + "@example.com";
    String unverifiedOrg = uniqueSlug("verify-unv");
    JsonNode unverified = unprovenAccount(unverifiedEmail, unverifiedOrg);
    String unverifiedId = unverified.get("userId").asString();
    jdbc.sql("delete from membership where user_id = :u::uuid").param("u", unverifiedId).update();
    String token = invite(org, admin, Map.of("email", unverifiedEmail, "role", "org-viewer")).get("token")
        .asString();
    String access = loginByPassword(unverifiedEmail, PASSWORD).get("accessToken").asString();
    MvcResult refused = mvc.perform(bearer(from(post("/api/v1/identity/invitations/" + token + "/accept")), access))
        .andReturn();
    assertThat(refused.getResponse().getStatus()).isEqualTo(403);
    assertThat(body(refused).get("type").asString()).endsWith("/email-not-verified");
    // PATs stay allowed for unverified users
    assertThat(status(bearer(postJson("/api/v1/identity/tokens", Map.of("name", "ci", "scopes",
        java.util.List.of("api:read"))), access))).isEqualTo(201);

    assertThat(status(bearer(from(post(VERIFY + "/resend")), access))).isEqualTo(202);
    assertThat(status(postJson(VERIFY, Map.of("token", latestVerificationToken(unverifiedEmail))))).isEqualTo(200);
    MvcResult accepted = mvc.perform(bearer(from(post("/api/v1/identity/invitations/" + token + "/accept")), access))
        .andReturn();
    assertThat(accepted.getResponse().getStatus()).as(accepted.getResponse().getContentAsString()).isEqualTo(200);
  }

  /**
   * An account whose email is not proven: signed up (which proves it), then set back as an account from before
   * email codes would be; the answer is a login's tokens, which say {@code email_verified: false}.
   */
  private JsonNode unprovenAccount(String email, String slug) throws Exception {
    String userId = signUpByEmail(email, PASSWORD, slug).get("userId").asString();
    jdbc.sql("update app_user set email_verified = false where id = :u::uuid").param("u", userId).update();
    return loginByPassword(email, PASSWORD);
  }

  private JsonNode profile(String accessToken) throws Exception {
    MvcResult result = mvc.perform(bearer(get("/api/v1/identity/me"), accessToken)).andReturn();
    assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
    return body(result);
  }

  /** The newest verification token mailed to {@code email}, read from the dev inbox. */
  private String latestVerificationToken(String email) throws Exception {
    JsonNode inbox = body(mvc.perform(get("/api/v1/identity/dev/inbox").param("to", email)).andReturn());
    for (JsonNode message : inbox.get("messages")) {
      String text = message.get("text").asString();
      if (text.contains("cat_ver_")) {
        return text.replaceAll("(?s).*Verification token: (cat_ver_[A-Za-z0-9_-]+).*", "$1");
      }
    }
    throw new AssertionError("No verification mail to " + email + ": " + inbox);
  }
}
