package io.catalyst.identity.signup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.util.LinkedHashMap;

import io.catalyst.identity.support.IdentityIntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

class SignupIT extends IdentityIntegrationTest {

  @Autowired JwtDecoder decoder;

  @Test
  void ahmedSignsUpWithHisPhoneAndOwnsHisOrganization() throws Exception {
    String business = "Muscat Pharmacy " + uniqueSlug("x").substring(2);
    JsonNode tokens = signUpByPhone(newPhone(), business, null);
    String org = tokens.get("organization").asString();
    assertThat(org).startsWith("muscat-pharmacy-");

    Map<String, Object> claims = claims(tokens.get("accessToken").asString());
    assertThat(claims).containsEntry("sub", tokens.get("userId").asString()).containsEntry("org", org)
        .containsEntry("roles", List.of("org-admin")).containsEntry("teams", List.of())
        .containsEntry("iss", "http://localhost:8080").doesNotContainKey("environments");
    assertThat(tokens.get("expiresIn").asLong()).isEqualTo(900);
    assertThat(tokens.get("refreshExpiresIn").asLong()).isEqualTo(30L * 24 * 3600);
    assertThat(decoder.decode(tokens.get("accessToken").asString()).getExpiresAt())
        .isEqualTo(decoder.decode(tokens.get("accessToken").asString()).getIssuedAt().plusSeconds(900));

    // His token reads his Organization.
    MvcResult mine = mvc.perform(bearer(get("/api/v1/identity/organizations/" + org),
        tokens.get("accessToken").asString())).andReturn();
    assertThat(mine.getResponse().getStatus()).isEqualTo(200);
    assertThat(body(mine).get("displayName").asString()).isEqualTo(business);

    // The events provisioning and audit rely on, committed with the rows.
    List<Map<String, Object>> created = outbox("organization.created.v1", "organizations/" + org);
    assertThat(created).hasSize(1);
    JsonNode data = json.readTree((String) created.get(0).get("data"));
    assertThat(data.propertyNames()).containsExactlyInAnyOrder("organization", "displayName", "createdBy", "style");
    assertThat(data.get("organization").asString()).isEqualTo(org);
    assertThat(data.get("createdBy").asString()).isEqualTo(tokens.get("userId").asString());
    assertThat(data.get("style").asString()).isEqualTo("sme");
    assertThat(created.get(0)).containsEntry("topic", "catalyst.identity.v1").containsEntry("record_key", org)
        .containsEntry("actor", tokens.get("userId").asString());
    assertThat(outbox("user.signed-up.v1", "users/" + tokens.get("userId").asString())).hasSize(1);
  }

  /**
   * Issue 12 (account enumeration): a sign-up with a code that was never requested, a wrong code or an expired one
   * answers a known number exactly as an unknown one; only a proven code lets the known number be told (409).
   */
  @Test
  void aPhoneSignUpDoesNotTellWhetherTheNumberHasAnAccountBeforeTheCodeIsProven() throws Exception {
    String known = newPhone();
    signUpByPhone(known, "Known Pharmacy " + uniqueSlug("k").substring(2), null);
    String unknown = newPhone();
    clock.advance(Duration.ofSeconds(31)); // past the resend cooldown of the sign-up's code

    // No code waiting (never requested for the unknown number; the known number's was spent by its sign-up).
    assertThat(phoneSignup(known, "123456")).isEqualTo(phoneSignup(unknown, "123456"))
        .containsEntry("status", 400);

    // Requesting a code answers the same.
    Map<String, Object> sentKnown = answer(mvc.perform(postJson("/api/v1/identity/otp", Map.of("phone", known)))
        .andReturn());
    Map<String, Object> sentUnknown = answer(mvc.perform(postJson("/api/v1/identity/otp", Map.of("phone", unknown)))
        .andReturn());
    assertThat(sentKnown).isEqualTo(sentUnknown).containsEntry("status", 202);
    String knownCode = latestCode(known);
    String unknownCode = latestCode(unknown);

    // A wrong code: the same answer, attempts counted alike.
    assertThat(phoneSignup(known, wrong(knownCode))).isEqualTo(phoneSignup(unknown, wrong(unknownCode)))
        .containsEntry("status", 400);

    // Proven: now the holder of the known number is told it has an account (and how to sign in) …
    Map<String, Object> proven = phoneSignup(known, knownCode);
    assertThat(proven).containsEntry("status", 409);
    assertThat(proven.get("detail").toString()).contains("exists", "login/code");
    // … and the unknown number signs up.
    assertThat(phoneSignup(unknown, unknownCode)).containsEntry("status", 201);
  }

  private Map<String, Object> phoneSignup(String phone, String code) throws Exception {
    return answer(mvc.perform(postJson("/api/v1/identity/signup/phone", Map.of("phone", phone, "code", code,
        "businessName", "Probe Trading"))).andReturn());
  }

  private static String wrong(String code) {
    return code.equals("000000") ? "000001" : "000000";
  }

  /** The status and the body a client sees, without what differs on every call (trace and request ids). */
  private Map<String, Object> answer(MvcResult r) throws Exception {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status", r.getResponse().getStatus());
    String content = r.getResponse().getContentAsString();
    if (!content.isBlank()) {
      JsonNode body = body(r);
      for (String name : body.propertyNames()) {
        if (!List.of("status", "traceId", "requestId", "accessToken", "refreshToken", "userId", "organization")
            .contains(name)) {
          answer.put(name, body.get(name).toString());
        }
      }
    }
    return answer;
  }

  @Test
  void emailSignUpRefusesWeakPasswordsWithTheReason() throws Exception {
    for (String weak : List.of("short", "password123", "aaaaaaaaaaaa", "1234567890")) {
      MvcResult r = mvc.perform(postJson("/api/v1/identity/signup/email", Map.of("email", "w@example.com",
          "code", "123456", "password", weak, "businessName", "Weak Ltd"))).andReturn();
      assertThat(r.getResponse().getStatus()).as(weak).isEqualTo(400);
      JsonNode problem = body(r);
      assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("password");
      assertThat(problem.get("errors").get(0).get("message").asString()).isNotBlank();
    }
  }

  @Test
  void badInputIsA400WithEveryFieldError() throws Exception {
    MvcResult r = mvc.perform(postJson("/api/v1/identity/signup/email", Map.of("email", "not-an-email",
        "password", "correct horse battery staple", "businessName", "", "organization", "Bad--Name"))).andReturn();
    assertThat(r.getResponse().getStatus()).isEqualTo(400);
    assertThat(r.getResponse().getContentType()).isEqualTo("application/problem+json");
    List<String> fields = body(r).get("errors").valueStream().map(e -> e.get("field").asString()).toList();
    assertThat(fields).containsExactly("businessName", "code", "email", "organization");
  }

  @Test
  void aTakenSlugOrAProvenKnownEmailIsA409() throws Exception {
    String slug = uniqueSlug("dup");
    JsonNode first = signUpByEmail(slug + "@example.com", "correct horse battery staple", slug);
    assertThat(claims(first.get("accessToken").asString())).as("the code proved the mailbox")
        .containsEntry("email_verified", true);
    MvcResult sameSlug = mvc.perform(postJson("/api/v1/identity/signup/email", Map.of("email",
        "other-" + slug + "@example.com", "code", "123456", "password", "correct horse battery staple",
        "businessName", "Other", "organization", slug))).andReturn();
    assertThat(sameSlug.getResponse().getStatus()).isEqualTo(409);
    clock.advance(Duration.ofSeconds(31));
    String code = sendEmailCode(slug + "@example.com");
    MvcResult sameEmail = mvc.perform(postJson("/api/v1/identity/signup/email", Map.of("email",
        slug.toUpperCase() + "@EXAMPLE.com", "code", code, "password", "correct horse battery staple",
        "businessName", "Other", "organization", uniqueSlug("dup")))).andReturn();
    assertThat(sameEmail.getResponse().getStatus()).isEqualTo(409);
    assertThat(body(sameEmail).get("detail").asString()).contains("exists", "login/password");
  }

  /**
   * Issue 12 (account enumeration), the email path: the sign-up answered 409 for a known email at once. It now needs
   * the code mailed to the address, and answers a known email like an unknown one until the code is proven.
   */
  @Test
  void anEmailSignUpDoesNotTellWhetherTheEmailHasAnAccountBeforeTheCodeIsProven() throws Exception {
    String slug = uniqueSlug("enum");
    String known = slug + "@example.com";
    signUpByEmail(known, "correct horse battery staple", slug);
    String unknown = "new-" + slug + "@example.com";
    clock.advance(Duration.ofSeconds(31));

    assertThat(emailSignup(known, "123456")).isEqualTo(emailSignup(unknown, "123456")).containsEntry("status", 400);

    Map<String, Object> sentKnown = answer(mvc.perform(postJson("/api/v1/identity/otp", Map.of("email", known)))
        .andReturn());
    Map<String, Object> sentUnknown = answer(mvc.perform(postJson("/api/v1/identity/otp", Map.of("email", unknown)))
        .andReturn());
    assertThat(sentKnown).isEqualTo(sentUnknown).containsEntry("status", 202);
    String knownCode = latestCode(known);
    String unknownCode = latestCode(unknown);

    assertThat(emailSignup(known, wrong(knownCode))).isEqualTo(emailSignup(unknown, wrong(unknownCode)))
        .containsEntry("status", 400);

    assertThat(emailSignup(known, knownCode)).containsEntry("status", 409);
    assertThat(emailSignup(unknown, unknownCode)).containsEntry("status", 201);
  }

  private Map<String, Object> emailSignup(String email, String code) throws Exception {
    return answer(mvc.perform(postJson("/api/v1/identity/signup/email", Map.of("email", email, "code", code,
        "password", "Velvet-otter-42-lantern", "businessName", "Probe Trading"))).andReturn());
  }

  @Test
  void theSlugSuggestionProposesAFreeValidName() throws Exception {
    String name = "Sohar Bakery " + uniqueSlug("b").substring(2);
    JsonNode first = body(mvc.perform(get("/api/v1/identity/organizations/slug-suggestion").param("name", name))
        .andReturn());
    String slug = first.get("slug").asString();
    assertThat(slug).startsWith("sohar-bakery-");
    signUpByEmail(slug + "@example.com", "correct horse battery staple", slug);
    JsonNode second = body(mvc.perform(get("/api/v1/identity/organizations/slug-suggestion").param("name", name))
        .andReturn());
    assertThat(second.get("slug").asString()).isEqualTo(slug + "-2");
    JsonNode taken = body(mvc.perform(get("/api/v1/identity/organizations/slug-availability").param("slug", slug))
        .andReturn());
    assertThat(taken.get("available").asBoolean()).isFalse();
    JsonNode reserved = body(mvc.perform(get("/api/v1/identity/organizations/slug-availability")
        .param("slug", "kube-system")).andReturn());
    assertThat(reserved.get("reason").asString()).contains("reserved");
  }
}
