package io.catalyst.identity.token;

import io.catalyst.identity.contract.IdentityEvents;
import io.catalyst.identity.user.Membership;
import io.catalyst.identity.user.Users;
import io.catalyst.platform.core.RequestContext;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.web.RequestContextFilter;
import io.catalyst.platform.web.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The one place a login is published: a successful one ({@code login.succeeded.v1}) and a wrong password for an
 * existing account ({@code login.failed.v1}). A successful one is published: the JSON logins (password, phone code)
 * in the transaction that starts the session, the authorization server's login form and federation when they sign
 * the browser in. A login is a user proving who they are; a refresh, or an authorize request answered from the
 * session identity already has, is none.
 *
 * <p>The browser logins happen inside the security filters, before the service kit's {@code RequestContextFilter}
 * opens the request's context, so for them this opens one itself: the user who just signed in, the gateway's
 * {@code X-Catalyst-Surface} (the console's login through the gateway is {@code ui}; without the header {@code api})
 * and {@code X-Request-Id}.
 */
@Service
public class Logins {

  public static final String PASSWORD = "password";
  public static final String PHONE_CODE = "phone-code";
  public static final String FEDERATION = "federation";
  /** The actor of a failed login: nobody proved who they are. */
  public static final String ANONYMOUS = "anonymous";

  private final Users users;
  private final Outbox outbox;
  private final HttpSessionRequestCache savedRequests = new HttpSessionRequestCache();

  Logins(Users users, Outbox outbox) {
    this.users = users;
    this.outbox = outbox;
  }

  /** A login of the JSON API (no OAuth2 client): in the caller's transaction, under the request's context. */
  @Transactional
  public void succeeded(UUID user, String method) {
    publish(user, method, null, null);
  }

  /**
   * A browser login of the authorization server ({@code provider} for federation, else null); the client is the one
   * of the saved {@code /oauth2/authorize} request the login continues, if any.
   */
  @Transactional
  public void browserSucceeded(UUID user, String method, String provider, HttpServletRequest request,
      HttpServletResponse response) {
    String client = clientOf(request, response);
    if (RequestContext.current() != RequestContext.SYSTEM) {
      publish(user, method, provider, client);
      return;
    }
    RequestContext context = request == null ? new RequestContext(RequestContext.ActorKind.USER, user.toString(),
        Set.of(), RequestContext.Surface.API, UUID.randomUUID().toString())
        : RequestContextFilter.contextOf(request, new Caller(user.toString(), null, Set.of(), Set.of(), Set.of()));
    try (RequestContext.Scope scope = RequestContext.open(context)) {
      publish(user, method, provider, client);
    }
  }

  /**
   * A wrong password for {@code user}'s account, in the caller's transaction (which must not roll back on the 401 it
   * answers). The browser form fails inside the security filters, before the service kit opens the request's context,
   * so this opens an anonymous one from the request itself.
   */
  @Transactional
  public void failed(UUID user, String method, String reason, int failures) {
    HttpServletRequest request = currentRequest();
    RequestContext context = RequestContext.current() != RequestContext.SYSTEM || request == null
        ? RequestContext.current()
        : RequestContextFilter.contextOf(request, new Caller(null, null, Set.of(), Set.of(), Set.of()));
    try (RequestContext.Scope scope = RequestContext.open(context)) {
      String org = users.membership(user).map(Membership::organization).orElse(null);
      outbox.publish(CatalystEvent.of(IdentityEvents.LOGIN_FAILED, "users/" + user, org,
          new IdentityEvents.LoginFailed(user.toString(), org, method, reason, failures,
              RequestContext.current().surface().label())).by(ANONYMOUS));
    }
  }

  /** The servlet request of this thread, for a login that runs in an authentication provider. */
  public static HttpServletRequest currentRequest() {
    return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
        ? attributes.getRequest() : null;
  }

  private void publish(UUID user, String method, String provider, String client) {
    String org = users.membership(user).map(Membership::organization).orElse(null);
    String surface = RequestContext.current().surface().label();
    outbox.publish(CatalystEvent.of(IdentityEvents.LOGIN_SUCCEEDED, "users/" + user, org,
        new IdentityEvents.LoginSucceeded(user.toString(), org, method, provider, surface, client))
        .by(user.toString()));
  }

  private String clientOf(HttpServletRequest request, HttpServletResponse response) {
    if (request == null) {
      return null;
    }
    SavedRequest saved = savedRequests.getRequest(request, response);
    String[] ids = saved == null ? null : saved.getParameterValues("client_id");
    return ids == null || ids.length == 0 ? null : ids[0];
  }
}
