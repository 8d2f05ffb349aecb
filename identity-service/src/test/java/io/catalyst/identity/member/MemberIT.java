package io.catalyst.identity.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.catalyst.identity.support.IdentityIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** Invitations, accepting them, role bindings, removal, last-admin protection and the events of each. */
class MemberIT extends IdentityIntegrationTest {

  private static final String PASSWORD = "correct horse battery staple";
  private String org;
  private String admin;
  private String adminId;

  @BeforeEach
  void organization() throws Exception {
    org = uniqueSlug("members");
    JsonNode tokens = signUpByEmail(org + "@example.com", PASSWORD, org);
    admin = tokens.get("accessToken").asString();
    adminId = tokens.get("userId").asString();
  }

  @Test
  void anInvitedPersonSignsUpWithTheTokenAndJoinsWithTheInvitedRole() throws Exception {
    String email = "dev-" + org + "@example.com";
    JsonNode invited = invite(org, admin, Map.of("email", email, "role", "org-developer",
        "environments", List.of(org + "-dev")));
    String token = invited.get("token").asString();
    assertThat(token).startsWith("cat_inv_");
    assertThat(invited.get("expiresAt").asString()).isNotBlank();
    // delivered through the mail port (dev inbox), and only the hash is stored
    JsonNode inbox = body(mvc.perform(get("/api/v1/identity/dev/inbox").param("to", email)).andReturn());
    assertThat(inbox.get("messages").get(0).get("text").asString()).contains(token);
    assertThat(jdbc.sql("select count(*) from invitation where token_hash = :h").param("h",
        InvitationTokens.hash(token)).query(Long.class).single()).isEqualTo(1);
    assertThat(jdbc.sql("select count(*) from invitation where encode(token_hash, 'escape') like '%cat_inv%'")
        .query(Long.class).single()).isZero();
    // the list shows it pending, never the token
    String listed = mvc.perform(bearer(get("/api/v1/identity/organizations/" + org + "/invitations"), admin))
        .andReturn().getResponse().getContentAsString();
    assertThat(listed).contains("\"status\":\"valid\"").doesNotContain(token);

    MvcResult signedUp = mvc.perform(postJson("/api/v1/identity/signup/invitation",
        Map.of("token", token, "email", email, "code", sendEmailCode(email), "password", PASSWORD, "name", "Layla")))
        .andReturn();
    assertThat(signedUp.getResponse().getStatus()).as(signedUp.getResponse().getContentAsString()).isEqualTo(201);
    Map<String, Object> claims = claims(body(signedUp).get("accessToken").asString());
    assertThat(claims.get("org")).isEqualTo(org);
    assertThat(claims.get("roles")).isEqualTo(List.of("org-developer"));
    assertThat(claims.get("environments")).isEqualTo(List.of(org + "-dev"));
    String userId = body(signedUp).get("userId").asString();

    assertThat(outbox("member.invited.v1", "invitations/" + invited.get("id").asString())).hasSize(1);
    assertThat((String) outbox("member.joined.v1", "users/" + userId).get(0).get("data")).contains(org)
        .contains("org-developer");
    assertThat((String) outbox("member.invited.v1", "invitations/" + invited.get("id").asString()).get(0)
        .get("data")).doesNotContain(email).doesNotContain(token);

    // used once
    MvcResult again = mvc.perform(postJson("/api/v1/identity/signup/invitation",
        Map.of("token", token, "email", "x" + email, "code", "123456", "password", PASSWORD))).andReturn();
    assertThat(again.getResponse().getStatus()).isEqualTo(410);
    assertThat(again.getResponse().getContentType()).contains("application/problem+json");

    JsonNode members = body(mvc.perform(bearer(get("/api/v1/identity/organizations/" + org + "/members"), admin))
        .andReturn());
    assertThat(members.get("total").asLong()).isEqualTo(2);
    assertThat(members.get("items").size()).isEqualTo(2);
    assertThat(members.get("page").asInt()).isZero();
    assertThat(members.get("size").asInt()).isEqualTo(20);
    JsonNode onePage = body(mvc.perform(bearer(get("/api/v1/identity/organizations/" + org + "/members")
        .param("size", "1").param("page", "1"), admin)).andReturn());
    assertThat(onePage.get("items").get(0).get("userId").asString()).isEqualTo(userId);
    assertThat(status(bearer(get("/api/v1/identity/organizations/" + org + "/members").param("size", "101"),
        admin))).isEqualTo(400);
  }

  @Test
  void aPhoneInvitationIsSentBySmsAndAcceptedWithACode() throws Exception {
    String phone = newPhone();
    String token = invite(org, admin, Map.of("phone", phone, "role", "org-viewer")).get("token").asString();
    JsonNode inbox = body(mvc.perform(get("/api/v1/identity/dev/inbox").param("to", phone)).andReturn());
    assertThat(inbox.get("messages").get(0).get("text").asString()).contains(token);
    String code = sendCode(phone);
    MvcResult result = mvc.perform(postJson("/api/v1/identity/signup/invitation",
        Map.of("token", token, "phone", phone, "code", code))).andReturn();
    assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(201);
    assertThat(claims(body(result).get("accessToken").asString()).get("roles")).isEqualTo(List.of("org-viewer"));
  }

  /**
   * Issue 12 (account enumeration): the inviter holds the invitation token too (the invite answer carries it), so an
   * invitation sign-up told any org-admin whether an email or phone had an account (409 at once), and with an email
   * made an account, its email "verified", for an address the inviter did not own. The contact's code now comes
   * first: without it a known and an unknown contact get the same 400, and no account is made.
   */
  @Test
  void anInvitationSignUpTellsTheInviterNothingBeforeTheInviteesCodeIsProven() throws Exception {
    String knownEmail = "known-" + org + "@example.com";
    signUpByEmail(knownEmail, PASSWORD, uniqueSlug("known"));
    String unknownEmail = "unknown-" + org + "@example.com";
    String knownPhone = newPhone();
    signUpByPhone(knownPhone, "Known Phone " + uniqueSlug("p").substring(2), null);
    String unknownPhone = newPhone();
    List<Integer> statuses = new java.util.ArrayList<>();
    List<String> details = new java.util.ArrayList<>();
    for (Map<String, Object> contact : List.<Map<String, Object>>of(Map.of("email", knownEmail),
        Map.of("email", unknownEmail), Map.of("phone", knownPhone), Map.of("phone", unknownPhone))) {
      Map<String, Object> request = new java.util.HashMap<>(contact);
      request.put("role", "org-viewer");
      String token = invite(org, admin, request).get("token").asString();
      Map<String, Object> signup = new java.util.HashMap<>(contact);
      signup.putAll(Map.of("token", token, "code", "123456", "password", PASSWORD));
      MvcResult r = mvc.perform(postJson("/api/v1/identity/signup/invitation", signup)).andReturn();
      statuses.add(r.getResponse().getStatus());
      details.add(body(r).has("detail") ? body(r).get("detail").asString()
          : "(no problem but " + statuses.getLast() + ")");
    }
    assertThat(statuses).containsOnly(400);
    assertThat(details.get(0)).isEqualTo(details.get(1));
    assertThat(details.get(2)).isEqualTo(details.get(3));
    assertThat(jdbc.sql("select count(*) from app_user where email = :e").param("e", unknownEmail)
        .query(Long.class).single()).as("no account without the mailbox's code").isZero();
  }

  @Test
  void anExpiredInvitationIsGone() throws Exception {
    String email = "late-" + org + "@example.com";
    String token = invite(org, admin, Map.of("email", email, "role", "org-viewer")).get("token").asString();
    clock.advance(Duration.ofDays(7).plusMinutes(1));
    MvcResult result = mvc.perform(postJson("/api/v1/identity/signup/invitation",
        Map.of("token", token, "email", email, "code", "123456", "password", PASSWORD))).andReturn();
    assertThat(result.getResponse().getStatus()).isEqualTo(410);
    assertThat(body(result).get("type").asString()).endsWith("/gone");
    assertThat(body(result).get("detail").asString()).contains("expired");
    assertThat(jdbc.sql("select count(*) from app_user where email = :e").param("e", email).query(Long.class)
        .single()).isZero();
    assertThat(status(bearer(from(post("/api/v1/identity/invitations/" + token + "/accept")),
        testToken("u", null)))).isIn(403, 410);
  }

  @Test
  void aSignedInPersonAcceptsAndTheNextTokenCarriesTheOrganization() throws Exception {
    // someone who was a member elsewhere and was removed: signed in, without an Organization
    String email = "mover-" + org + "@example.com";
    String other = uniqueSlug("first");
    JsonNode otherAdmin = signUpByEmail(other + "@example.com", PASSWORD, other);
    String first = invite(other, otherAdmin.get("accessToken").asString(),
        Map.of("email", email, "role", "org-viewer")).get("token").asString();
    JsonNode mover = body(mvc.perform(postJson("/api/v1/identity/signup/invitation",
        Map.of("token", first, "email", email, "code", sendEmailCode(email), "password", PASSWORD))).andReturn());
    String moverId = mover.get("userId").asString();

    // invited to a second Organization while still in the first: 409 on accept
    String token = invite(org, admin, Map.of("email", email, "role", "billing-admin")).get("token").asString();
    MvcResult busy = mvc.perform(bearer(from(post("/api/v1/identity/invitations/" + token + "/accept")),
        mover.get("accessToken").asString())).andReturn();
    assertThat(busy.getResponse().getStatus()).isEqualTo(409);

    assertThat(status(bearer(from(delete("/api/v1/identity/organizations/" + other + "/members/" + moverId)),
        otherAdmin.get("accessToken").asString()))).isEqualTo(204);
    assertThat(outbox("member.removed.v1", "users/" + moverId)).hasSize(1);
    // removal ended the mover's sessions
    assertThat(status(postJson("/api/v1/identity/token/refresh",
        Map.of("refreshToken", mover.get("refreshToken").asString())))).isEqualTo(401);

    JsonNode signedIn = loginByPassword(email, PASSWORD);
    assertThat(claims(signedIn.get("accessToken").asString())).doesNotContainKey("org");
    // another person's token cannot use the invitation
    JsonNode stranger = signUpByEmail("stranger-" + org + "@example.com", PASSWORD, uniqueSlug("stranger"));
    assertThat(status(bearer(from(post("/api/v1/identity/invitations/" + token + "/accept")),
        stranger.get("accessToken").asString()))).isEqualTo(403);
    MvcResult accepted = mvc.perform(bearer(from(post("/api/v1/identity/invitations/" + token + "/accept")),
        signedIn.get("accessToken").asString())).andReturn();
    assertThat(accepted.getResponse().getStatus()).as(accepted.getResponse().getContentAsString()).isEqualTo(200);
    assertThat(body(accepted).get("organization").asString()).isEqualTo(org);
    Map<String, Object> claims = claims(refresh(signedIn.get("refreshToken").asString()).get("accessToken")
        .asString());
    assertThat(claims.get("org")).isEqualTo(org);
    assertThat(claims.get("roles")).isEqualTo(List.of("billing-admin"));
    assertThat(status(bearer(from(post("/api/v1/identity/invitations/" + token + "/accept")),
        signedIn.get("accessToken").asString()))).isEqualTo(410);
    assertThat(status(bearer(from(post("/api/v1/identity/invitations/cat_inv_unknown/accept")),
        signedIn.get("accessToken").asString()))).isEqualTo(404);
  }

  @Test
  void aWithdrawnInvitationIsGone() throws Exception {
    String email = "withdrawn-" + org + "@example.com";
    JsonNode invited = invite(org, admin, Map.of("email", email, "role", "org-viewer"));
    String id = invited.get("id").asString();
    assertThat(status(bearer(from(delete("/api/v1/identity/organizations/" + org + "/invitations/" + id)), admin)))
        .isEqualTo(204);
    assertThat(status(bearer(from(delete("/api/v1/identity/organizations/" + org + "/invitations/" + id)), admin)))
        .isEqualTo(204);
    assertThat(outbox("invitation.revoked.v1", "invitations/" + id)).hasSize(1);
    MvcResult result = mvc.perform(postJson("/api/v1/identity/signup/invitation",
        Map.of("token", invited.get("token").asString(), "email", email, "code", "123456", "password", PASSWORD)))
        .andReturn();
    assertThat(result.getResponse().getStatus()).isEqualTo(410);
    assertThat(body(result).get("detail").asString()).contains("withdrawn");
  }

  @Test
  void roleBindingsChangeWithEventsAndTheLastAdminStays() throws Exception {
    String rolesOfAdmin = "/api/v1/identity/organizations/" + org + "/members/" + adminId + "/roles";
    MvcResult last = mvc.perform(bearer(put(rolesOfAdmin).contentType(MediaType.APPLICATION_JSON)
        .content("{\"roles\":[\"org-viewer\"]}"), admin)).andReturn();
    assertThat(last.getResponse().getStatus()).isEqualTo(409);
    assertThat(body(last).get("detail").asString()).contains("last org-admin");
    assertThat(status(bearer(from(delete("/api/v1/identity/organizations/" + org + "/members/" + adminId)), admin)))
        .isEqualTo(409);

    var second = insertMember(org, List.of("org-viewer"), List.of());
    String rolesOfSecond = "/api/v1/identity/organizations/" + org + "/members/" + second + "/roles";
    assertThat(status(bearer(put(rolesOfSecond).contentType(MediaType.APPLICATION_JSON)
        .content("{\"roles\":[\"org-developer\"],\"environments\":[\"someone-else-dev\"]}"), admin)))
        .isEqualTo(400);
    MvcResult changed = mvc.perform(bearer(put(rolesOfSecond).contentType(MediaType.APPLICATION_JSON)
        .content("{\"roles\":[\"org-admin\",\"org-developer\"],\"environments\":[\"" + org + "-dev\"]}"), admin))
        .andReturn();
    assertThat(changed.getResponse().getStatus()).as(changed.getResponse().getContentAsString()).isEqualTo(200);
    assertThat(body(changed).get("environments").get(0).asString()).isEqualTo(org + "-dev");
    assertThat(outbox("role.granted.v1", "users/" + second)).hasSize(2);
    assertThat(outbox("role.revoked.v1", "users/" + second)).hasSize(1);

    // now there are two org-admins: the first may step down, then the second is the last
    assertThat(status(bearer(put(rolesOfAdmin).contentType(MediaType.APPLICATION_JSON)
        .content("{\"roles\":[\"org-viewer\"]}"), admin))).isEqualTo(200);
    assertThat(status(bearer(from(delete("/api/v1/identity/organizations/" + org + "/members/" + second)),
        testToken("sov", null, "sovereign-admin")))).isEqualTo(409);
    assertThat(status(bearer(from(delete("/api/v1/identity/organizations/" + org + "/members/"
        + java.util.UUID.randomUUID())), admin))).isIn(403, 404);
  }

  @Test
  void badInvitationsAreRefusedWithFieldErrors() throws Exception {
    String path = "/api/v1/identity/organizations/" + org + "/invitations";
    for (Map<String, Object> bad : List.<Map<String, Object>>of(
        Map.of("role", "org-viewer"),
        Map.of("email", "a@example.com", "phone", "+96891234567", "role", "org-viewer"),
        Map.of("email", "not-an-email", "role", "org-viewer"),
        Map.of("phone", "12", "role", "org-viewer"),
        Map.of("email", "a@example.com", "role", "owner"),
        Map.of("email", "a@example.com", "role", "org-developer"),
        Map.of("email", "a@example.com", "role", "org-developer", "environments", List.of("x-dev")))) {
      MvcResult result = mvc.perform(bearer(postJson(path, bad), admin)).andReturn();
      assertThat(result.getResponse().getStatus()).as(bad.toString()).isEqualTo(400);
      assertThat(body(result).get("errors").size()).as(bad.toString()).isPositive();
    }
    // inviting someone who already is a member
    MvcResult member = mvc.perform(bearer(postJson(path, Map.of("email", org + "@example.com", "role",
        "org-viewer")), admin)).andReturn();
    assertThat(member.getResponse().getStatus()).isEqualTo(409);
  }
}
