package io.catalyst.platform.web.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code catalyst.security.*}: where identity-service's signing keys are, and which paths of this service need no
 * token. A public path is {@code /api/v1/catalog/**} (any method) or {@code GET /api/v1/catalog/**}.
 *
 * @param identityUrl identity-service's base URL, for personal access token introspection and the list of
 *     suspended Organizations (asked with this service's client-credentials token)
 * @param suspensionRefresh how often the suspended Organizations are read (0 switches the poll off)
 * @param patCacheTtl how long an active personal access token's introspection is reused (a revocation takes
 *     effect after at most this long)
 * @param patInactiveCacheTtl how long an inactive answer is reused
 * @param patCacheSize how many tokens' answers are remembered at most
 */
@ConfigurationProperties("catalyst.security")
public record CatalystSecurityProperties(
    @DefaultValue("http://localhost:8081/oauth2/jwks") String jwkSetUri,
    @DefaultValue List<String> publicPaths,
    @DefaultValue("http://localhost:8081") String identityUrl,
    @DefaultValue("30s") Duration suspensionRefresh,
    @DefaultValue("30s") Duration patCacheTtl,
    @DefaultValue("5s") Duration patInactiveCacheTtl,
    @DefaultValue("10000") int patCacheSize) {}
