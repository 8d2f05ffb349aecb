package io.catalyst.gateway.security;

import io.catalyst.gateway.web.ProblemWriter;
import io.catalyst.platform.core.CatalystClaims;
import io.catalyst.platform.core.PublicRoutes;
import io.catalyst.platform.core.Role;
import io.catalyst.platform.core.SovereignSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint.DelegateEntry;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.ServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.MediaTypeServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * Who may pass the gateway. Three filter chains, tried in order:
 * <ol>
 *   <li><b>Git</b> ({@code /git/**}): untouched, the Git host authenticates.</li>
 *   <li><b>Bearer</b> (any request with an {@code Authorization} header; machines, the CLI): stateless. A JWT is
 *   checked against identity-service's JWKS (issuer = the Sovereign's public URL, expiry); a personal access token
 *   ({@code cat_pat_…}) by introspection at identity-service, cached briefly, and it must carry {@code api:read} to
 *   read or {@code api:write} to change anything. The token is forwarded unchanged.</li>
 *   <li><b>Browser</b> (everything else): the console's session. {@code /oauth2/authorization/catalyst} starts the
 *   authorization code + PKCE login at identity-service, {@code /login/oauth2/code/catalyst} ends it, the tokens stay
 *   in the gateway's session and {@code TokenRelay} sends the access token to the services; {@code POST /logout}
 *   revokes the session's refresh token at identity-service and ends the session. Writes with the session cookie
 *   need the {@code X-XSRF-TOKEN} header (the value of the {@code XSRF-TOKEN} cookie).</li>
 * </ol>
 * Either way an API request without credentials is a 401 problem; only a browser navigation to the console
 * ({@code /console/**}, {@code Accept: text/html}) is redirected to the login. Services check the token again and
 * authorize; the gateway only authenticates (and checks PAT scopes).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

  /** The console's pages: a signed-out browser navigating here is sent to the login. */
  static final String[] CONSOLE = {"/console", "/console/**"};
  static final String LOGIN_START = "/oauth2/authorization/" + ConsoleLoginConfiguration.CONSOLE;

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

  /** Requests that bring their own credentials ({@code Authorization}): no session, no cookie, no CSRF. */
  @Bean
  @Order(2)
  SecurityWebFilterChain bearer(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder, PatIntrospection pats,
      ProblemAuthenticationEntryPoint entryPoint, ProblemAccessDeniedHandler accessDenied) {
    JwtReactiveAuthenticationManager jwt = new JwtReactiveAuthenticationManager(jwtDecoder);
    jwt.setJwtAuthenticationConverter(rolesAsAuthorities());
    BearerAuthenticationManager tokens = new BearerAuthenticationManager(jwt, pats);
    return stateless(http)
        .securityMatcher(exchange -> exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
            ? MatchResult.match() : MatchResult.notMatch())
        .authorizeExchange(SecurityConfiguration::rules)
        .oauth2ResourceServer(resourceServer -> resourceServer
            .authenticationManagerResolver(exchange -> Mono.just(tokens))
            .authenticationEntryPoint(entryPoint)
            .accessDeniedHandler(accessDenied))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
        .build();
  }

  /** Browsers: the console's session, its login through identity-service and its logout. */
  @Bean
  @Order(3)
  SecurityWebFilterChain browser(ServerHttpSecurity http, ReactiveClientRegistrationRepository registrations,
      ServerOAuth2AuthorizedClientRepository authorizedClients, SovereignSettings sovereign,
      ProblemAuthenticationEntryPoint problemEntryPoint, ProblemAccessDeniedHandler accessDenied,
      ProblemWriter problems, ObjectProvider<WebClient.Builder> webClients,
      @Value("${catalyst.security.revocation-uri:${catalyst.security.identity-url:http://localhost:8081}/oauth2/revoke}") String revocationUri) {
    boolean https = "https".equalsIgnoreCase(sovereign.publicUrl().getScheme());
    CookieServerCsrfTokenRepository csrfTokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
    csrfTokens.setCookieCustomizer(cookie -> cookie.path("/").sameSite("Lax").secure(https));
    return http
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .authorizeExchange(exchanges -> rules(exchanges.pathMatchers(CONSOLE).authenticated()))
        .oauth2Login(login -> login
            .authorizedClientRepository(authorizedClients)
            .authorizationRequestResolver(new DefaultServerOAuth2AuthorizationRequestResolver(registrations))
            .authenticationFailureHandler((filterExchange, failure) -> problems.write(filterExchange.getExchange(),
                HttpStatus.UNAUTHORIZED, "Sign-in did not complete ("
                    + (failure instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode()
                        : "the sign-in could not be checked")
                    + "); start again at " + LOGIN_START)))
        .logout(logout -> logout
            .logoutUrl("/logout")
            .logoutHandler(new DelegatingServerLogoutHandler(
                new RevokeTokensOnLogout(authorizedClients, webClients.getIfAvailable(WebClient::builder).build(),
                    revocationUri),
                new SecurityContextServerLogoutHandler(), new WebSessionServerLogoutHandler()))
            .logoutSuccessHandler(loggedOut()))
        .csrf(csrf -> csrf
            .csrfTokenRepository(csrfTokens)
            .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
            .requireCsrfProtectionMatcher(unsafeWithSessionCookie())
            .accessDeniedHandler((exchange, denied) -> problems.write(exchange, HttpStatus.FORBIDDEN,
                "A change made with the session cookie needs the X-XSRF-TOKEN header (the XSRF-TOKEN cookie's value)")))
        .addFilterAfter(issueCsrfCookieToSessions(), SecurityWebFiltersOrder.CSRF)
        .exceptionHandling(exceptions -> exceptions
            .authenticationEntryPoint(consoleOrProblem(problemEntryPoint))
            .accessDeniedHandler(accessDenied))
        .build();
  }

  /** The authorization rules both chains share. */
  private static void rules(ServerHttpSecurity.AuthorizeExchangeSpec exchanges) {
    // The mesh's one list of public API routes (platform/core), the same the services permit and document.
    for (PublicRoutes.Route route : PublicRoutes.ALL) {
      if (route.method() != null) {
        exchanges.pathMatchers(HttpMethod.valueOf(route.method()), route.pattern()).permitAll();
      } else {
        exchanges.pathMatchers(route.pattern()).permitAll();
      }
    }
    exchanges
        .pathMatchers("/api/**").access(authenticatedWithApiScope())
        .pathMatchers("/actuator/health", "/actuator/health/**").permitAll()
        .pathMatchers("/actuator/**").hasAuthority(Role.SOVEREIGN_ADMIN.authority())
        // Outside /api: OIDC and JWKS (/.well-known, /oauth2, /login, /userinfo: identity-service guards
        // them), the console's login and logout, the start page, the API docs UI. Anything else is a 404 problem.
        .anyExchange().permitAll();
  }

  /** Signed in; with a personal access token also the scope the method needs ({@code api:read}/{@code api:write}). */
  private static ReactiveAuthorizationManager<AuthorizationContext> authenticatedWithApiScope() {
    return (authentication, context) -> authentication
        .filter(Authentication::isAuthenticated)
        .<AuthorizationResult>map(user -> new AuthorizationDecision(!(user instanceof PatAuthentication pat)
            || pat.allows(context.getExchange().getRequest().getMethod())))
        .defaultIfEmpty(new AuthorizationDecision(false));
  }

  /** A console page asked for by a browser goes to the login (and back after it); anything else is a 401 problem. */
  private static DelegatingServerAuthenticationEntryPoint consoleOrProblem(ProblemAuthenticationEntryPoint problem) {
    MediaTypeServerWebExchangeMatcher html = new MediaTypeServerWebExchangeMatcher(MediaType.TEXT_HTML);
    html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
    ServerWebExchangeMatcher consoleNavigation = new AndServerWebExchangeMatcher(
        ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, CONSOLE), html);
    DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
        new DelegateEntry(consoleNavigation, new RedirectServerAuthenticationEntryPoint(LOGIN_START)));
    entryPoint.setDefaultEntryPoint(problem);
    return entryPoint;
  }

  /** After logout a browser goes to the start page; a script gets 204. */
  private static ServerLogoutSuccessHandler loggedOut() {
    return (filterExchange, authentication) -> {
      var exchange = filterExchange.getExchange();
      List<MediaType> accept = exchange.getRequest().getHeaders().getAccept();
      var response = exchange.getResponse();
      if (accept.stream().anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType())) {
        response.setStatusCode(HttpStatus.FOUND);
        response.getHeaders().setLocation(URI.create("/"));
      } else {
        response.setStatusCode(HttpStatus.NO_CONTENT);
      }
      return response.setComplete();
    };
  }

  /**
   * Only a request that carries the session cookie can act with the session's authority, so only such changes need
   * the CSRF token; public API calls without a cookie (sign-up, JSON login) and identity-service's own login form
   * (which has its own CSRF token) are not affected.
   */
  private static ServerWebExchangeMatcher unsafeWithSessionCookie() {
    Set<HttpMethod> safe = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);
    ServerWebExchangeMatcher paths = ServerWebExchangeMatchers.pathMatchers("/api/**", "/logout", "/console/**");
    return exchange -> !safe.contains(exchange.getRequest().getMethod()) && hasSessionCookie(exchange)
        ? paths.matches(exchange) : MatchResult.notMatch();
  }

  /** Makes sure a browser with a session has the XSRF-TOKEN cookie (the token is otherwise only made on demand). */
  private static WebFilter issueCsrfCookieToSessions() {
    return (exchange, chain) -> {
      Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
      if (token == null || !hasSessionCookie(exchange)) {
        return chain.filter(exchange);
      }
      return token.then(chain.filter(exchange));
    };
  }

  private static boolean hasSessionCookie(org.springframework.web.server.ServerWebExchange exchange) {
    return exchange.getRequest().getCookies().containsKey(ConsoleLoginConfiguration.SESSION_COOKIE);
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

  /** Personal access tokens, checked at identity-service with the gateway's own service token. */
  @Bean
  PatIntrospection patIntrospection(ObjectProvider<WebClient.Builder> http, ReactiveClientRegistrationRepository registrations,
      @Value("${catalyst.security.introspection-uri:${catalyst.security.identity-url:http://localhost:8081}/api/v1/identity/tokens/introspect}")
      String introspectionUri,
      @Value("${catalyst.gateway.pat-cache.active:30s}") Duration activeTtl,
      @Value("${catalyst.gateway.pat-cache.inactive:5s}") Duration inactiveTtl) {
    return new PatIntrospection(http.getIfAvailable(WebClient::builder).build(), introspectionUri,
        ConsoleLoginConfiguration.serviceTokens(registrations), ConsoleLoginConfiguration.SERVICE, activeTtl,
        inactiveTtl, Clock.systemUTC());
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
