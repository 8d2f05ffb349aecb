package io.catalyst.platform.web;

import io.catalyst.platform.core.Role;
import io.catalyst.platform.core.SovereignSettings;
import io.catalyst.platform.web.problem.ExceptionTranslator;
import io.catalyst.platform.web.problem.ProblemErrorReportValve;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.util.unit.DataSize;
import io.catalyst.platform.web.security.CachingTokenIntrospector;
import io.catalyst.platform.web.security.CallerArgumentResolver;
import io.catalyst.platform.web.security.CatalystBearerAuthentication;
import io.catalyst.platform.web.security.CatalystSecurityProperties;
import io.catalyst.platform.web.security.IdentityClient;
import io.catalyst.platform.web.security.PersonalAccessTokenIntrospector;
import io.catalyst.platform.web.security.PersonalAccessTokenScopeFilter;
import io.catalyst.platform.web.security.ProblemSecurityHandlers;
import io.catalyst.platform.web.security.ServicePublicRoutes;
import io.catalyst.platform.web.security.SuspendedOrganizations;
import io.catalyst.platform.web.security.SuspendedOrganizationsPoller;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every servlet service gets by depending on service-kit: the exception translator, a stateless resource
 * server trusting identity-service's keys, the {@link io.catalyst.platform.web.security.Caller} parameter and a
 * request size limit. Its public routes are its own in {@link io.catalyst.platform.core.PublicRoutes} (by
 * {@code spring.application.name}) and {@code catalyst.security.public-paths} (paths the gateway does not route).
 *
 * <p>Bearer tokens are JWTs or personal access tokens ({@code cat_pat_…}, introspected at identity-service, limited
 * to their scopes); tokens of a suspended Organization are refused (403) within
 * {@code catalyst.security.suspension-refresh}. identity-service itself (the authorization server is on its class
 * path) does not ask itself over HTTP: it gets no introspector and no poller from the kit, and may declare its own
 * {@link PersonalAccessTokenIntrospector} and feed {@link SuspendedOrganizations} directly.
 */
@AutoConfiguration(beforeName = {
    "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
    "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
    "org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({CatalystSecurityProperties.class, RequestSizeLimitFilter.Properties.class})
public class ServiceKitAutoConfiguration {

  /**
   * Paths outside the API every service leaves open: probes, the docs UI and the error page. Its public API routes
   * (its OpenAPI document among them) come from {@link io.catalyst.platform.core.PublicRoutes}.
   */
  static final List<String> ALWAYS_PUBLIC = List.of(
      "/actuator/health/**", "/actuator/info", "/livez", "/readyz", "/swagger-ui/**", "/swagger-ui.html", "/error");

  @Bean
  @ConditionalOnMissingBean
  ServicePublicRoutes servicePublicRoutes(CatalystSecurityProperties security,
      @Value("${spring.application.name:catalyst-service}") String application) {
    return ServicePublicRoutes.of(application, security.publicPaths());
  }

  @Bean
  @ConditionalOnMissingBean
  ExceptionTranslator exceptionTranslator(ObjectProvider<Tracer> tracer) {
    return new ExceptionTranslator(tracer);
  }

  @Bean
  ProblemSecurityHandlers problemSecurityHandlers(JsonMapper json) {
    return new ProblemSecurityHandlers(json);
  }

  @Bean
  @ConditionalOnMissingBean
  JwtDecoder jwtDecoder(CatalystSecurityProperties security, SovereignSettings sovereign) {
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(security.jwkSetUri()).build();
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
        JwtValidators.createDefaultWithIssuer(sovereign.issuer())));
    return decoder;
  }

  /** Maps the token's {@code roles} to {@code ROLE_<role>} and {@code scope} to {@code SCOPE_<scope>}. */
  @Bean
  @ConditionalOnMissingBean
  JwtAuthenticationConverter jwtAuthenticationConverter() {
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setJwtGrantedAuthoritiesConverter(jwt -> {
      Collection<GrantedAuthority> authorities = new ArrayList<>();
      CallerArgumentResolver.fromJwt(jwt).roles().forEach(r -> authorities.add(new SimpleGrantedAuthority("ROLE_" + r)));
      String scope = jwt.getClaimAsString("scope");
      if (scope != null) {
        for (String s : scope.split(" ")) {
          if (!s.isBlank()) {
            authorities.add(new SimpleGrantedAuthority("SCOPE_" + s));
          }
        }
      }
      return authorities;
    });
    return converter;
  }

  @Bean
  @ConditionalOnMissingBean
  SuspendedOrganizations suspendedOrganizations() {
    return new SuspendedOrganizations();
  }

  /** Talks to identity-service over HTTP; not in identity-service itself. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingClass("org.springframework.security.oauth2.server.authorization.OAuth2Authorization")
  static class IdentityClientConfiguration {

    @Bean
    @ConditionalOnMissingBean
    IdentityClient catalystIdentityClient(CatalystSecurityProperties security,
        ObjectProvider<ClientRegistrationRepository> registrations,
        ObjectProvider<OAuth2AuthorizedClientService> authorizedClients, JsonMapper json,
        @Value("${spring.application.name:catalyst-service}") String application) {
      ClientRegistrationRepository repository = registrations.getIfAvailable();
      OAuth2AuthorizedClientService service = authorizedClients.getIfAvailable();
      return new IdentityClient(security.identityUrl(), repository == null || service == null ? null
          : new AuthorizedClientServiceOAuth2AuthorizedClientManager(repository, service), application, json);
    }

    /** A fallback: a service's own {@link PersonalAccessTokenIntrospector} bean wins over it. */
    @Bean
    @Fallback
    @ConditionalOnMissingBean(PersonalAccessTokenIntrospector.class)
    CachingTokenIntrospector personalAccessTokenIntrospector(IdentityClient identity,
        CatalystSecurityProperties security) {
      return new CachingTokenIntrospector(identity::introspect, Clock.systemUTC(), security.patCacheTtl(),
          security.patInactiveCacheTtl(), security.patCacheSize());
    }

    @Bean
    SuspendedOrganizationsPoller suspendedOrganizationsPoller(IdentityClient identity,
        SuspendedOrganizations suspended, CatalystSecurityProperties security) {
      return new SuspendedOrganizationsPoller(identity::suspendedOrganizations, suspended,
          security.suspensionRefresh());
    }
  }

  /**
   * The service's API chain, ordered late so a service (identity-service's authorization server) can put its own
   * chains in front for its own paths.
   */
  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE - 100)
  SecurityFilterChain catalystApiSecurity(HttpSecurity http, CatalystSecurityProperties security,
      ServicePublicRoutes publicRoutes, ProblemSecurityHandlers problems, JwtAuthenticationConverter converter,
      JwtDecoder jwtDecoder,
      ObjectProvider<PersonalAccessTokenIntrospector> personalAccessTokens, SuspendedOrganizations suspended)
      throws Exception {
    JwtAuthenticationProvider jwt = new JwtAuthenticationProvider(jwtDecoder);
    jwt.setJwtAuthenticationConverter(converter);
    CatalystBearerAuthentication bearer =
        new CatalystBearerAuthentication(jwt, personalAccessTokens.getIfUnique(), suspended);
    http.securityMatcher("/**")
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(AbstractHttpConfigurer::disable)
        .authorizeHttpRequests(auth -> {
          ALWAYS_PUBLIC.forEach(p -> auth.requestMatchers(p).permitAll());
          for (var route : publicRoutes.routes()) {
            if (route.method() != null) {
              auth.requestMatchers(HttpMethod.valueOf(route.method()), route.pattern()).permitAll();
            } else {
              auth.requestMatchers(route.pattern()).permitAll();
            }
          }
          auth.requestMatchers("/actuator/**").hasAnyRole(Role.SOVEREIGN_ADMIN.value(), Role.SERVICE.value());
          auth.anyRequest().authenticated();
        })
        .oauth2ResourceServer(rs -> rs
            .authenticationManagerResolver(request -> bearer)
            .authenticationEntryPoint(problems)
            .accessDeniedHandler(problems))
        .addFilterAfter(new PersonalAccessTokenScopeFilter(problems), BearerTokenAuthenticationFilter.class)
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
    return http.build();
  }

  /** After the security filters (order -100), so the caller is known; around everything the request does. */
  @Bean
  FilterRegistrationBean<RequestContextFilter> catalystRequestContextFilter() {
    FilterRegistrationBean<RequestContextFilter> registration = new FilterRegistrationBean<>(new RequestContextFilter());
    registration.setOrder(0);
    return registration;
  }

  /**
   * Requests Tomcat refuses before Spring sees them (headers over {@code server.max-http-request-header-size}) are
   * answered as problems, not Tomcat's HTML page.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
  static class TomcatProblemsConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> catalystTomcatErrorReport(
        @Value("${server.max-http-request-header-size:8KB}") DataSize maxHeaderSize) {
      return factory -> factory.addContextCustomizers(context -> {
        if (context.getParent() instanceof StandardHost host) {
          host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
          host.getPipeline().addValve(new ProblemErrorReportValve(maxHeaderSize.toBytes()));
        }
      });
    }
  }

  @Bean
  WebMvcConfigurer catalystCallerResolver() {
    return new WebMvcConfigurer() {
      @Override
      public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
      }
    };
  }

  @Bean
  FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
      RequestSizeLimitFilter.Properties properties, JsonMapper json) {
    FilterRegistrationBean<RequestSizeLimitFilter> registration =
        new FilterRegistrationBean<>(new RequestSizeLimitFilter(properties, json));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
