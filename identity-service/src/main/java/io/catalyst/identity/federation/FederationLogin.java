package io.catalyst.identity.federation;

import io.catalyst.identity.token.Logins;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.ui.DefaultLoginPageGeneratingFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Sign-in through registered upstream OpenID Connect providers, added to the authorization server's login form
 * ({@code browserLoginSecurity}): the form links to {@code /oauth2/federation/login/{provider}}, the provider
 * answers at {@code /oauth2/federation/callback/{provider}}, and the user ends up signed in as the local user
 * (principal name = user id, as after the password form) so the saved {@code /oauth2/authorize} request continues.
 */
@Component
@EnableConfigurationProperties(FederationProperties.class)
public class FederationLogin {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FederationLogin.class);

  public static final String LOGIN_BASE = "/oauth2/federation/login";
  public static final String CALLBACK = "/oauth2/federation/callback/*";
  /** The paths the login chain must match besides {@code /login}. */
  public static final String PATHS = "/oauth2/federation/**";

  private final FederatedClientRegistrations registrations;
  private final FederatedUsers users;
  private final FederationProviders providers;
  private final Clock clock;
  private final Logins logins;
  private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
  private final AuthenticationSuccessHandler savedRequest = new SavedRequestAwareAuthenticationSuccessHandler();
  private final AuthenticationFailureHandler failure = new Failure();

  FederationLogin(FederatedClientRegistrations registrations, FederatedUsers users, FederationProviders providers,
      Clock clock, Logins logins) {
    this.logins = logins;
    this.registrations = registrations;
    this.users = users;
    this.providers = providers;
    this.clock = clock;
  }

  /** Adds the OIDC login to the chain being built. */
  public void configure(HttpSecurity http) throws Exception {
    http.oauth2Login(login -> login
        .clientRegistrationRepository(registrations)
        .authorizedClientRepository(new NoAuthorizedClients())
        .authorizationEndpoint(a -> a.baseUri(LOGIN_BASE))
        .redirectionEndpoint(r -> r.baseUri(CALLBACK))
        .userInfoEndpoint(u -> u.oidcUserService(users))
        .successHandler(this::signedIn)
        .failureHandler(failure));
    http.addFilterBefore(new LoginErrorMessage(), DefaultLoginPageGeneratingFilter.class);
  }

  /**
   * Finishes the built chain: the generated login page lists the providers registered now (not at start), and an
   * unknown or unreachable provider sends the browser back to the form with a message instead of an error page.
   */
  public SecurityFilterChain finish(SecurityFilterChain chain) {
    for (var filter : chain.getFilters()) {
      if (filter instanceof DefaultLoginPageGeneratingFilter page) {
        page.setOauth2LoginEnabled(true);
        page.setFailureUrl("/login?error"); // the page with the reason, for the form and for federation

        page.setOauth2AuthenticationUrlToClientName(registrations.loginLinks());
      } else if (filter instanceof OAuth2AuthorizationRequestRedirectFilter redirect) {
        redirect.setAuthenticationFailureHandler(failure);
      }
    }
    return chain;
  }

  /** Replaces the upstream principal by the local user, then continues the saved authorize request. */
  private void signedIn(HttpServletRequest request, HttpServletResponse response, Authentication upstream)
      throws IOException, jakarta.servlet.ServletException {
    OidcUser identity = (OidcUser) upstream.getPrincipal();
    UUID user = providers.linkedUser(identity.getIdToken().getIssuer().toString(), identity.getSubject())
        .orElseThrow(() -> new IllegalStateException("federated identity not linked after login"));
    Authentication local = UsernamePasswordAuthenticationToken.authenticated(user.toString(), null,
        List.of(new SimpleGrantedAuthority("ROLE_user"),
            FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY)
                .issuedAt(clock.instant()).build()));
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(local);
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
    String provider = upstream instanceof OAuth2AuthenticationToken token
        ? token.getAuthorizedClientRegistrationId() : null;
    logins.browserSucceeded(user, Logins.FEDERATION, provider, request, response);
    savedRequest.onAuthenticationSuccess(request, response, local);
  }

  /** Back to the login form, which shows the reason. */
  private static final class Failure implements AuthenticationFailureHandler {
    private final SimpleUrlAuthenticationFailureHandler form = new SimpleUrlAuthenticationFailureHandler("/login?error");

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
        AuthenticationException exception) throws IOException, jakarta.servlet.ServletException {
      log.info("Federated sign-in at {} refused: {}", request.getRequestURI(), exception.toString());
      AuthenticationException shown = exception;
      if (!(exception instanceof OAuth2AuthenticationException oauth
          && FederatedUsers.ERROR.equals(oauth.getError().getErrorCode()))) {
        shown = FederatedUsers.refuse(request.getRequestURI().startsWith(LOGIN_BASE)
            ? "Sign-in through this provider is not available right now."
            : "Sign-in through the provider did not complete (" + exception.getMessage() + "). Please try again.");
      }
      form.onAuthenticationFailure(request, response, shown);
    }
  }

  /** The upstream tokens are not kept: the provider only proves who the user is. */
  private static final class NoAuthorizedClients implements OAuth2AuthorizedClientRepository {
    @Override
    public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String clientRegistrationId,
        Authentication principal, HttpServletRequest request) {
      return null;
    }

    @Override
    public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal,
        HttpServletRequest request, HttpServletResponse response) {}

    @Override
    public void removeAuthorizedClient(String clientRegistrationId, Authentication principal,
        HttpServletRequest request, HttpServletResponse response) {}
  }
}
