package io.catalyst.provisioning.catalog;

import feign.Response;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog's answers that are about the request (4xx: unknown Blueprint, no such version, unresolvable tree,
 * invalid input) become {@link CatalogRefusal}s carrying the catalog's problem; everything else stays a failure of
 * the dependency (503 naming catalog-service).
 */
class CatalogClientConfiguration {

  @Bean
  ErrorDecoder catalogErrorDecoder() {
    ErrorDecoder fallback = new ErrorDecoder.Default();
    JsonMapper json = JsonMapper.builder().build();
    return (methodKey, response) -> {
      if (response.status() >= 400 && response.status() < 500 && response.status() != 401
          && response.status() != 429) {
        return new CatalogRefusal(response.status(), body(json, response));
      }
      return fallback.decode(methodKey, response);
    };
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(JsonMapper json, Response response) {
    if (response.body() == null) {
      return Map.of();
    }
    try (InputStream in = response.body().asInputStream()) {
      return json.readValue(in, Map.class);
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
  }
}
