package io.catalyst.identity.federation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code catalyst.identity.federation.*}: how identity-service signs users in through registered upstream OpenID
 * Connect providers.
 *
 * @param redirectUri      the callback registered at the upstream provider ({@code {baseUrl}} is the address the
 *                         browser used, i.e. the Sovereign's public URL through the gateway, which forwards
 *                         {@code /oauth2/**} to identity-service)
 * @param discoveryTtl     how long a provider's discovery document (endpoints, JWKS URI) is cached
 * @param allowHttpIssuers also accept {@code http://} issuers that are not on localhost (never in production)
 */
@ConfigurationProperties("catalyst.identity.federation")
public record FederationProperties(
    @DefaultValue("{baseUrl}/oauth2/federation/callback/{registrationId}") String redirectUri,
    @DefaultValue("1h") Duration discoveryTtl,
    @DefaultValue("false") boolean allowHttpIssuers) {}
