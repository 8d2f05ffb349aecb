package io.catalyst.gateway.security;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.catalyst.platform.core.TokenScopes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Asks identity-service whether a personal access token ({@code cat_pat_…}) is active
 * ({@code POST /api/v1/identity/tokens/introspect}, as the gateway's service client) and remembers the answer
 * briefly: an active token for {@code activeTtl} (at most until it expires), an inactive one for
 * {@code inactiveTtl}. A revoked token is therefore refused at most {@code activeTtl} after its revocation.
 * Concurrent requests with the same token share one call; a failed call is not remembered. Keys are SHA-256 of
 * the token, so the cache holds no usable secret.
 */
public final class PatIntrospection {

  /** What identity-service said about a token. */
  public record Introspected(boolean active, String subject, List<String> roles, List<String> scopes,
      Instant expiresAt) {

    static final Introspected INACTIVE = new Introspected(false, null, List.of(), List.of(), null);
  }

  private final WebClient http;
  private final String introspectionUri;
  private final ReactiveOAuth2AuthorizedClientManager serviceTokens;
  private final String serviceRegistration;
  private final AsyncCache<String, Introspected> cache;

  public PatIntrospection(WebClient http, String introspectionUri, ReactiveOAuth2AuthorizedClientManager serviceTokens,
      String serviceRegistration, Duration activeTtl, Duration inactiveTtl, Clock clock) {
    this.http = http;
    this.introspectionUri = introspectionUri;
    this.serviceTokens = serviceTokens;
    this.serviceRegistration = serviceRegistration;
    this.cache = Caffeine.newBuilder()
        .maximumSize(10_000)
        .expireAfter(Expiry.<String, Introspected>creating((key, answer) -> {
          if (!answer.active()) {
            return inactiveTtl;
          }
          Duration untilExpiry = answer.expiresAt() == null ? activeTtl
              : Duration.between(clock.instant(), answer.expiresAt());
          return untilExpiry.compareTo(activeTtl) < 0 ? untilExpiry.isNegative() ? Duration.ZERO : untilExpiry
              : activeTtl;
        }))
        .buildAsync();
  }

  public Mono<Introspected> introspect(String token) {
    return Mono.fromFuture(() -> cache.get(TokenScopes.fingerprint(token), (key, executor) -> call(token).toFuture()), true);
  }

  private Mono<Introspected> call(String token) {
    return serviceToken()
        .flatMap(bearer -> http.post().uri(introspectionUri)
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer)
            .contentType(MediaType.APPLICATION_JSON)
            .accept(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("token", token))
            .retrieve()
            .bodyToMono(Map.class))
        .map(PatIntrospection::read)
        .timeout(Duration.ofSeconds(5))
        .onErrorMap(e -> !(e instanceof AuthenticationServiceException),
            e -> new AuthenticationServiceException("Personal access token could not be checked: " + e, e));
  }

  private Mono<String> serviceToken() {
    return serviceTokens.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(serviceRegistration)
            .principal("gateway").build())
        .map(client -> client.getAccessToken().getTokenValue())
        .switchIfEmpty(Mono.error(() -> new AuthenticationServiceException("No service token for the gateway")));
  }

  private static Introspected read(Map<?, ?> answer) {
    if (!Boolean.TRUE.equals(answer.get("active"))) {
      return Introspected.INACTIVE;
    }
    Object expires = answer.get("expiresAt");
    return new Introspected(true, String.valueOf(answer.get("sub")), strings(answer.get("roles")),
        strings(answer.get("scopes")), instant(expires));
  }

  private static Instant instant(Object value) {
    if (value instanceof Number seconds) {
      return Instant.ofEpochMilli((long) (seconds.doubleValue() * 1000));
    }
    return value == null ? null : Instant.parse(value.toString());
  }

  private static List<String> strings(Object value) {
    return value instanceof Collection<?> c ? c.stream().map(String::valueOf).toList() : List.of();
  }
}
