package io.catalyst.identity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.catalyst.identity.IdentityProperties;
import io.catalyst.identity.support.IdentityIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** Keys live in the database: a restart keeps them; a rotation publishes before it signs and keeps old tokens valid. */
class SigningKeysIT extends IdentityIntegrationTest {

  @Autowired SigningKeyStore store;
  @Autowired AccessTokenIssuer issuer;
  @Autowired JwtDecoder decoder;
  @Autowired TransactionTemplate tx;
  @Autowired IdentityProperties properties;

  @Test
  void aRestartedStoreHasTheSameKeysAndStillValidatesEarlierTokens() throws Exception {
    String userId = signUpByEmail(uniqueSlug("keys") + "@example.com", "correct horse battery staple",
        uniqueSlug("keys")).get("userId").asString();
    String token = issuer.issue(UUID.fromString(userId)).value();

    // A new store over the same database, as after a restart of the service.
    SigningKeyStore restarted = new SigningKeyStore(jdbc, tx, clock, properties);
    restarted.ensureKey();
    assertThat(restarted.published().stream().map(SigningKey::kid).toList())
        .containsExactlyInAnyOrderElementsOf(store.published().stream().map(SigningKey::kid).toList());
    assertThat(restarted.signer().kid()).isEqualTo(kid(token));
    assertThat(restarted.signer().publicKey()).isEqualTo(store.signer().publicKey());
    assertThat(jdbc.sql("select count(*) from signing_key where private_key::text like '%PRIVATE%'")
        .query(Integer.class).single()).as("private keys are stored encrypted").isZero();
  }

  @Test
  void rotationPublishesTheNewKeyFirstAndKeepsOldTokensValidUntilTheyExpire() throws Exception {
    String userId = signUpByEmail(uniqueSlug("rot") + "@example.com", "correct horse battery staple",
        uniqueSlug("rot")).get("userId").asString();
    UUID user = UUID.fromString(userId);
    String before = issuer.issue(user).value();
    String oldKid = kid(before);

    SigningKey next = store.rotate();
    assertThat(publishedKids()).as("published at once").contains(oldKid, next.kid());
    assertThat(kid(issuer.issue(user).value())).as("not used before publish-ahead has passed").isEqualTo(oldKid);

    clock.advance(Duration.ofMinutes(11)); // past publish-ahead (10 min)
    String after = issuer.issue(user).value();
    assertThat(kid(after)).isEqualTo(next.kid());
    assertThat(decoder.decode(before).getSubject()).as("a token of the old key is still valid").isEqualTo(userId);
    assertThat(decoder.decode(after).getSubject()).isEqualTo(userId);
    assertThat(publishedKids()).contains(oldKid, next.kid());

    // The old token expires 15 minutes after issue; its key leaves the JWKS once no token of it can live.
    clock.advance(Duration.ofMinutes(5).plusSeconds(30));
    assertThatThrownBy(() -> decoder.decode(before)).isInstanceOf(JwtValidationException.class);
    clock.advance(Duration.ofMinutes(12)); // past next.signingFrom + 15 min + 60 s skew
    assertThat(publishedKids()).contains(next.kid()).doesNotContain(oldKid);
    assertThat(decoder.decode(issuer.issue(user).value()).getSubject()).isEqualTo(userId);
  }

  @Test
  void anOnDemandRotationPublishesFirstKeepsOldTokensValidUntilTheyExpireAndIsAnEvent() throws Exception {
    String slug = uniqueSlug("rotapi");
    String userId = signUpByEmail(slug + "@example.com", "correct horse battery staple", slug).get("userId")
        .asString();
    UUID user = UUID.fromString(userId);
    String before = issuer.issue(user).value();
    String oldKid = kid(before);
    String sov = testToken("sov-" + slug, null, "sovereign-admin");

    Instant asked = clock.instant();
    MvcResult rotated = mvc.perform(bearer(post("/api/v1/identity/keys/rotation"), sov)).andReturn();
    assertThat(rotated.getResponse().getStatus()).as(rotated.getResponse().getContentAsString()).isEqualTo(202);
    JsonNode answer = body(rotated);
    String newKid = answer.get("kid").asString();
    assertThat(Instant.parse(answer.get("signingFrom").asString()))
        .isBetween(asked.plus(properties.keys().publishAhead()),
            clock.instant().plus(properties.keys().publishAhead()));
    assertThat(Instant.parse(answer.get("publishedAt").asString())).isBetween(asked, clock.instant());
    assertThat(answer.get("signingNow").asString()).isEqualTo(oldKid);
    assertThat(publishedKids()).as("published at once").contains(oldKid, newKid);

    JsonNode keys = body(mvc.perform(bearer(get("/api/v1/identity/keys"), sov)).andReturn());
    Map<String, String> states = new HashMap<>();
    keys.get("items").forEach(k -> states.put(k.get("kid").asString(), k.get("state").asString()));
    assertThat(states).containsEntry(oldKid, "signing").containsEntry(newKid, "upcoming");
    assertThat(keys.toString()).doesNotContain("\"d\"").doesNotContain("privateKey").doesNotContain("private_key");

    var events = outbox("signing-key.rotated.v1", "signing-keys/" + newKid);
    assertThat(events).hasSize(1);
    JsonNode data = json.readTree((String) events.get(0).get("data"));
    assertThat(data.get("trigger").asString()).isEqualTo("on-demand");
    assertThat(data.get("published").toString()).contains(oldKid, newKid);
    assertThat(events.get(0).get("actor")).isEqualTo("sov-" + slug);

    // tokens of the old key are accepted after the switch, until they expire
    assertThat(kid(issuer.issue(user).value())).isEqualTo(oldKid);
    clock.advance(Duration.ofMinutes(11));
    assertThat(kid(issuer.issue(user).value())).isEqualTo(newKid);
    assertThat(decoder.decode(before).getSubject()).isEqualTo(userId);
    assertThat(status(bearer(get("/api/v1/identity/organizations/" + slug), before))).isEqualTo(200);
    JsonNode later = body(mvc.perform(bearer(get("/api/v1/identity/keys"), sov)).andReturn());
    later.get("items").forEach(k -> states.put(k.get("kid").asString(), k.get("state").asString()));
    assertThat(states).containsEntry(oldKid, "retiring").containsEntry(newKid, "signing");
    clock.advance(Duration.ofMinutes(5));
    assertThatThrownBy(() -> decoder.decode(before)).isInstanceOf(JwtValidationException.class);
    assertThat(status(bearer(get("/api/v1/identity/organizations/" + slug), before))).isEqualTo(401);
  }

  @Test
  void aScheduledRotationIsAnEventToo() throws Exception {
    clock.advance(properties.keys().rotateAfter().plusDays(1));
    assertThat(store.rotateIfDue()).isTrue();
    String kid = store.published().stream().max(java.util.Comparator.comparing(SigningKey::signingFrom))
        .orElseThrow().kid();
    var events = outbox("signing-key.rotated.v1", "signing-keys/" + kid);
    assertThat(events).hasSize(1);
    assertThat((String) events.get(0).get("data")).contains("\"trigger\":\"scheduled\"");
    assertThat(store.rotateIfDue()).as("not due again").isFalse();
    clock.advance(Duration.ofMinutes(11));
  }

  @Test
  void aTokenSignedByAnUnknownKeyIsRefused() {
    String foreign = io.catalyst.platform.testkit.TestTokens.user("x").org("acme").roles("org-admin")
        .signedByStranger().sign();
    assertThatThrownBy(() -> decoder.decode(foreign)).isInstanceOf(BadJwtException.class);
  }

  private List<String> publishedKids() throws Exception {
    JsonNode jwks = body(mvc.perform(get("/oauth2/jwks")).andReturn());
    List<String> kids = new ArrayList<>();
    jwks.get("keys").forEach(k -> kids.add(k.get("kid").asString()));
    return kids;
  }
}
