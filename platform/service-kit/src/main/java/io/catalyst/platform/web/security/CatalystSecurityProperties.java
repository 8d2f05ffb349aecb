package io.catalyst.platform.web.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code catalyst.security.*}: where identity-service's signing keys are, and which paths of this service need no
 * token. A public path is {@code /api/v1/catalog/**} (any method) or {@code GET /api/v1/catalog/**}.
 */
@ConfigurationProperties("catalyst.security")
public record CatalystSecurityProperties(
    @DefaultValue("http://localhost:8081/oauth2/jwks") String jwkSetUri,
    @DefaultValue List<String> publicPaths) {}
