package io.catalyst.platform.web.security;

import io.catalyst.platform.core.CatalystClaims;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the kit asks identity-service, with this service's client-credentials token (registration
 * {@code catalyst-service}, the one Feign clients use): personal access token introspection and the list of suspended
 * Organizations. Every failure is an {@link IdentityUnavailableException}.
 */
public class IdentityClient {

  static final String REGISTRATION = "catalyst-service";

  private final RestClient http;
  private final OAuth2AuthorizedClientManager clients;
  private final String principal;
  private final JsonMapper json;
  private final String identityUrl;

  /** {@code clients} null: every call fails (the service has no {@code catalyst-service} registration). */
  public IdentityClient(String identityUrl, OAuth2AuthorizedClientManager clients, String principal,
      JsonMapper json) {
    this.identityUrl = identityUrl.replaceAll("/+$", "");
    this.clients = clients;
    this.principal = principal;
    this.json = json;
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
    requests.setReadTimeout(Duration.ofSeconds(3));
    this.http = RestClient.builder().requestFactory(requests).build();
  }

  /** {@code POST /api/v1/identity/tokens/introspect}: the caller a personal access token stands for. */
  public Optional<Caller> introspect(String token) {
    JsonNode answer = call(() -> http.post().uri(identityUrl + "/api/v1/identity/tokens/introspect")
        .header("Authorization", "Bearer " + serviceToken()).contentType(MediaType.APPLICATION_JSON)
        .accept(MediaType.APPLICATION_JSON).body(json.writeValueAsString(Map.of("token", token)))
        .retrieve().body(String.class), "introspect a personal access token");
    if (!answer.path("active").asBoolean(false)) {
      return Optional.empty();
    }
    return Optional.of(Caller.ofPersonalAccessToken(text(answer, "sub"), text(answer, CatalystClaims.ORGANIZATION),
        strings(answer, CatalystClaims.ROLES), strings(answer, CatalystClaims.TEAMS),
        strings(answer, CatalystClaims.ENVIRONMENTS), strings(answer, "scopes")));
  }

  /** {@code GET /api/v1/identity/organizations?status=suspended}, every page: the suspended Organizations' slugs. */
  public Set<String> suspendedOrganizations() {
    Set<String> slugs = new LinkedHashSet<>();
    int size = 100;
    for (int page = 0; page < 10_000; page++) {
      URI uri = UriComponentsBuilder.fromUriString(identityUrl + "/api/v1/identity/organizations")
          .queryParam("status", "suspended").queryParam("page", page).queryParam("size", size).build().toUri();
      JsonNode answer = call(() -> http.get().uri(uri).header("Authorization", "Bearer " + serviceToken())
          .accept(MediaType.APPLICATION_JSON).retrieve().body(String.class), "list the suspended Organizations");
      JsonNode items = answer.path("items");
      items.forEach(item -> {
        String slug = item.path("slug").asString(null);
        if (slug != null) {
          slugs.add(slug);
        }
      });
      long total = answer.path("total").asLong(0);
      if (items.size() < size || (long) (page + 1) * size >= total) {
        break;
      }
    }
    return slugs;
  }

  private String serviceToken() {
    if (clients == null) {
      throw new IdentityUnavailableException("This service has no client-credentials registration 'catalyst-service'");
    }
    OAuth2AuthorizedClient client;
    try {
      client = clients.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION)
          .principal(principal).build());
    } catch (RuntimeException e) {
      throw new IdentityUnavailableException("identity-service did not issue this service's token: " + e.getMessage(), e);
    }
    if (client == null) {
      throw new IdentityUnavailableException("identity-service did not issue this service's token");
    }
    return client.getAccessToken().getTokenValue();
  }

  private JsonNode call(java.util.function.Supplier<String> request, String what) {
    try {
      String body = request.get();
      return body == null ? json.createObjectNode() : json.readTree(body);
    } catch (IdentityUnavailableException e) {
      throw e;
    } catch (RestClientException | tools.jackson.core.JacksonException e) {
      throw new IdentityUnavailableException("Could not " + what + " at identity-service: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isNull() || value.isMissingNode() ? null : value.asString();
  }

  private static Set<String> strings(JsonNode node, String field) {
    Set<String> out = new HashSet<>();
    JsonNode value = node.path(field);
    if (value.isArray()) {
      value.forEach(v -> out.add(v.asString()));
    } else if (value.isString() && !value.asString().isBlank()) {
      for (String s : value.asString().split(" ")) {
        if (!s.isBlank()) {
          out.add(s);
        }
      }
    }
    return out;
  }
}
