package io.catalyst.provisioning.identity;

import feign.codec.ErrorDecoder;
import io.catalyst.platform.web.client.DependencyRefusal;
import org.springframework.context.annotation.Bean;

/**
 * identity-service's answers about the request (4xx other than 401/429: no such team) become
 * {@link DependencyRefusal}s; everything else stays a failure of the dependency (503 naming identity-service).
 */
class IdentityClientConfiguration {

  @Bean
  ErrorDecoder identityErrorDecoder() {
    ErrorDecoder fallback = new ErrorDecoder.Default();
    return (methodKey, response) -> {
      if (response.status() >= 400 && response.status() < 500 && response.status() != 401
          && response.status() != 429) {
        return new DependencyRefusal(response.status(), "identity-service answered " + response.status());
      }
      return fallback.decode(methodKey, response);
    };
  }
}
