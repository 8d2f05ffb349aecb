package io.catalyst.identity.support;

import io.catalyst.platform.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.nimbusds.jwt.SignedJWT;
import io.catalyst.platform.testkit.EmbeddedInfrastructure;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Spring context of the module's integration tests: embedded PostgreSQL and Kafka (test kit), a movable
 * clock, the dev inbox as SMS gateway. Each test gets its own client address so per-address limits of one test do
 * not reach into another.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@EmbeddedInfrastructure(database = "identity")
@Import(IdentityIntegrationTest.TestClock.class)
public abstract class IdentityIntegrationTest {

  private static final AtomicInteger PHONES = new AtomicInteger(ThreadLocalRandom.current().nextInt(1_000_000));

  @Autowired protected MockMvc mvc;
  @Autowired protected JdbcClient jdbc;
  @Autowired protected JsonMapper json;
  @Autowired protected MutableClock clock;

  /** This test's client address. */
  protected String ip;

  @TestConfiguration(proxyBeanMethods = false)
  static class TestClock {
    @Bean
    @Primary
    MutableClock mutableClock() {
      return new MutableClock();
    }
  }

  @BeforeEach
  void ownAddress() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    ip = "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
  }

  /** A phone number no other test uses. */
  protected static String newPhone() {
    return "+9689" + String.format("%07d", PHONES.incrementAndGet() % 10_000_000);
  }

  protected static String uniqueSlug(String prefix) {
    return prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
  }

  /**
   * The authorization matrix's row: the status each caller (name → bearer token, null for anonymous) gets for the
   * request made for it (from this test's client address).
   */
  protected Map<String, Integer> statuses(Map<String, String> callers,
      java.util.function.Function<String, MockHttpServletRequestBuilder> request) throws Exception {
    Map<String, Integer> actual = new java.util.LinkedHashMap<>();
    for (var caller : callers.entrySet()) {
      MockHttpServletRequestBuilder r = from(request.apply(caller.getKey()));
      actual.put(caller.getKey(), status(caller.getValue() == null ? r : bearer(r, caller.getValue())));
    }
    return actual;
  }

  /** {@code r} with a JSON body. */
  protected static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder r, String body) {
    return r.contentType(MediaType.APPLICATION_JSON).content(body);
  }

  protected MockHttpServletRequestBuilder from(MockHttpServletRequestBuilder request) {
    return request.with(r -> {
      r.setRemoteAddr(ip);
      return r;
    });
  }

  protected MockHttpServletRequestBuilder postJson(String path, Object body) {
    return from(post(path)).contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
  }

  protected static MockHttpServletRequestBuilder bearer(MockHttpServletRequestBuilder request, String token) {
    return request.header("Authorization", "Bearer " + token);
  }

  protected JsonNode body(MvcResult result) throws Exception {
    return json.readTree(result.getResponse().getContentAsString());
  }

  protected int status(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn().getResponse().getStatus();
  }

  /** Sends a code to {@code phone} and reads it back from the dev inbox (also an email's, see sendEmailCode). */
  protected String sendCode(String phone) throws Exception {
    MvcResult sent = mvc.perform(postJson("/api/v1/identity/otp", Map.of("phone", phone))).andReturn();
    assertThat(sent.getResponse().getStatus()).as(sent.getResponse().getContentAsString()).isEqualTo(202);
    return latestCode(phone);
  }

  protected String latestCode(String phone) throws Exception {
    JsonNode inbox = body(mvc.perform(get("/api/v1/identity/dev/inbox").param("to", phone)).andReturn());
    String text = inbox.get("messages").get(0).get("text").asString();
    return text.replaceAll("(?s).*code is (\\d{6}).*", "$1");
  }

  /** Signs up by phone and returns the token response. */
  protected JsonNode signUpByPhone(String phone, String business, String slug) throws Exception {
    String code = sendCode(phone);
    MvcResult result = mvc.perform(postJson("/api/v1/identity/signup/phone",
        slug == null ? Map.of("phone", phone, "code", code, "businessName", business)
            : Map.of("phone", phone, "code", code, "businessName", business, "organization", slug))).andReturn();
    assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(201);
    return body(result);
  }

  /** Mails a code to {@code email} (for an email sign-up) and reads it back from the dev inbox. */
  protected String sendEmailCode(String email) throws Exception {
    MvcResult sent = mvc.perform(postJson("/api/v1/identity/otp", Map.of("email", email))).andReturn();
    assertThat(sent.getResponse().getStatus()).as(sent.getResponse().getContentAsString()).isEqualTo(202);
    return latestCode(email);
  }

  /** Signs up by email (code mailed to it, then the sign-up) and returns the token response. */
  protected JsonNode signUpByEmail(String email, String password, String slug) throws Exception {
    String code = sendEmailCode(email);
    MvcResult result = mvc.perform(postJson("/api/v1/identity/signup/email", Map.of("email", email, "code", code,
        "password", password, "businessName", "Business of " + slug, "organization", slug))).andReturn();
    assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(201);
    return body(result);
  }

  protected static Map<String, Object> claims(String token) {
    try {
      return SignedJWT.parse(token).getJWTClaimsSet().getClaims();
    } catch (ParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  protected static String kid(String token) {
    try {
      return SignedJWT.parse(token).getHeader().getKeyID();
    } catch (ParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Outbox rows of {@code type} (short form, e.g. {@code organization.created.v1}) about {@code subject}. */
  protected List<Map<String, Object>> outbox(String type, String subject) {
    return jdbc.sql("select * from catalyst_outbox where type = :type and subject = :subject order by position")
        .param("type", "io.catalyst.identity." + type).param("subject", subject).query().listOfRows();
  }

  /** A test-kit token issued at this test's clock time (the decoder checks expiry against the movable clock). */
  protected String testToken(String subject, String org, String... roles) {
    var builder = io.catalyst.platform.testkit.TestTokens.user(subject).roles(roles).issuedAt(clock.instant());
    return (org == null ? builder : builder.org(org)).sign();
  }

  protected String serviceToken(String service) {
    return io.catalyst.platform.testkit.TestTokens.user(service).roles("service").scope("catalyst.internal")
        .issuedAt(clock.instant()).sign();
  }

  /** A member of {@code org} written straight to the database (no sign-up), with the given roles. */
  protected java.util.UUID insertMember(String org, java.util.List<String> roles, java.util.List<String> envs) {
    java.util.UUID id = java.util.UUID.randomUUID();
    jdbc.sql("insert into app_user (id, email, created_at) values (:id, :email, now())").param("id", id)
        .param("email", id + "@members.example.com").update();
    jdbc.sql("""
        insert into membership (user_id, organization, roles, environments, joined_at)
        values (:id, :org, :roles, :envs, now())""").param("id", id).param("org", org)
        .param("roles", roles.toArray(String[]::new)).param("envs", envs.toArray(String[]::new)).update();
    return id;
  }

  /** An authorization-endpoint URI with a real query string (the endpoint reads the query, not form params). */
  protected static java.net.URI authorizeUri(String... pairs) {
    var uri = org.springframework.web.util.UriComponentsBuilder.fromUriString("http://localhost/oauth2/authorize");
    for (int i = 0; i < pairs.length; i += 2) {
      uri.queryParam(pairs[i], pairs[i + 1]);
    }
    return uri.encode().build().toUri();
  }

  /** Logs in by email and password and returns the token response. */
  protected JsonNode loginByPassword(String email, String password) throws Exception {
    MvcResult result = mvc.perform(postJson("/api/v1/identity/login/password",
        Map.of("email", email, "password", password))).andReturn();
    assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
    return body(result);
  }

  protected JsonNode refresh(String refreshToken) throws Exception {
    MvcResult result = mvc.perform(postJson("/api/v1/identity/token/refresh", Map.of("refreshToken", refreshToken)))
        .andReturn();
    assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
    return body(result);
  }

  /** Invites {@code email} into {@code org} as {@code admin} and returns the invitation answer (with its token). */
  protected JsonNode invite(String org, String adminToken, Map<String, Object> request) throws Exception {
    MvcResult result = mvc.perform(bearer(postJson("/api/v1/identity/organizations/" + org + "/invitations",
        request), adminToken)).andReturn();
    assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(201);
    return body(result);
  }
}
