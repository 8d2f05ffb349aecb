package io.catalyst.gateway.security;

import io.catalyst.platform.core.CatalystClaims;
import io.catalyst.platform.core.Role;
import io.catalyst.platform.core.SovereignSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * The gateway is a stateless resource server: it checks bearer JWTs from identity-service (signature against its
 * JWKS, issuer = the Sovereign's public URL, expiry) before any {@code /api/**} call reaches a service, and lets the
 * public paths through. Services check the token again and authorize; the gateway only authenticates.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

  /** Reachable without a token. */
  private static final String[] PUBLIC_API = {
      "/api/v1/identity/signup/**", "/api/v1/identity/login/**", "/api/v1/identity/otp/**",
      "/api/v1/identity/token/refresh", "/api/v1/identity/logout",
      "/api/v1/identity/organizations/slug-suggestion", "/api/v1/identity/organizations/slug-availability",
      // Answers only where identity-service enables its dev inbox (the local stack); 404 elsewhere.
      "/api/v1/identity/dev/inbox"};
  private static final String[] PUBLIC_API_READS = {
      "/api/v1/catalog/**", "/api/v1/*/health", "/api/v1/*/api-docs", "/api/v1/*/api-docs/**"};
  private static final String VOUCHER_PREVIEW = "/api/v1/billing/vouchers/preview";

  /**
   * Git smart HTTP passes untouched: the Git host authenticates (personal access tokens over Basic auth) and its
   * 401 challenge must reach the git client, so no bearer check, no CSRF, no security headers here.
   */
  @Bean
  @Order(1)
  SecurityWebFilterChain gitPassThrough(ServerHttpSecurity http) {
    return stateless(http)
        .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/git/**"))
        .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
        .headers(ServerHttpSecurity.HeaderSpec::disable)
        .build();
  }

  @Bean
  @Order(2)
  SecurityWebFilterChain api(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
      ProblemAuthenticationEntryPoint entryPoint, ProblemAccessDeniedHandler accessDenied) {
    return stateless(http)
        .authorizeExchange(exchanges -> exchanges
            .pathMatchers(PUBLIC_API).permitAll()
            .pathMatchers(HttpMethod.GET, PUBLIC_API_READS).permitAll()
            .pathMatchers(HttpMethod.POST, VOUCHER_PREVIEW).permitAll()
            .pathMatchers("/api/**").authenticated()
            .pathMatchers("/actuator/health", "/actuator/health/**").permitAll()
            .pathMatchers("/actuator/**").hasAuthority(Role.SOVEREIGN_ADMIN.authority())
            // Outside /api: OIDC and JWKS (/.well-known, /oauth2, /login, /userinfo: identity-service guards
            // them), the start page and console assets, the API docs UI. Anything else is a 404 problem.
            .anyExchange().permitAll())
        .oauth2ResourceServer(resourceServer -> resourceServer
            .jwt(jwt -> jwt.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(rolesAsAuthorities()))
            .authenticationEntryPoint(entryPoint)
            .accessDeniedHandler(accessDenied))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
        .build();
  }

  /** Bearer tokens only: no session, no login form, no CSRF (no cookie authenticates anything here). */
  private static ServerHttpSecurity stateless(ServerHttpSecurity http) {
    return http
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
  }

  @Bean
  ReactiveJwtDecoder jwtDecoder(@Value("${catalyst.security.jwk-set-uri}") String jwkSetUri,
      SovereignSettings sovereign) {
    NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).build();
    decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(sovereign.issuer()));
    return decoder;
  }

  /** {@code roles: [org-admin]} becomes {@code ROLE_org-admin}, as {@link Role#authority()} names it. */
  private static ReactiveJwtAuthenticationConverterAdapter rolesAsAuthorities() {
    JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
    authorities.setAuthoritiesClaimName(CatalystClaims.ROLES);
    authorities.setAuthorityPrefix("ROLE_");
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setJwtGrantedAuthoritiesConverter(authorities);
    return new ReactiveJwtAuthenticationConverterAdapter(converter);
  }
}
