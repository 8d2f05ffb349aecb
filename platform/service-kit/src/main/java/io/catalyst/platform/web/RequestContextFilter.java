package io.catalyst.platform.web;

import io.catalyst.platform.core.RequestContext;
import io.catalyst.platform.core.RequestContext.ActorKind;
import io.catalyst.platform.core.RequestContext.Surface;
import io.catalyst.platform.web.security.Caller;
import io.catalyst.platform.web.security.CallerArgumentResolver;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Opens the {@link RequestContext} of a request once its caller is known (it runs after the security filters): the
 * actor and its kind and roles from the token, the surface the gateway named in {@code X-Catalyst-Surface} (the
 * gateway strips whatever a client sends; without it, {@code git} under {@code /git/} and {@code api} elsewhere, or
 * {@code system} for another service's call), and the gateway's {@code X-Request-Id} as the correlation id (a new
 * one when the request did not come through the gateway). The outbox puts all of it into the events the request
 * causes.
 */
public class RequestContextFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Caller caller = CallerArgumentResolver.current();
    if (!caller.isAuthenticated() && request.getAttribute(Caller.REQUEST_ATTRIBUTE) instanceof Caller c) {
      caller = c;
    }
    try (RequestContext.Scope scope = RequestContext.open(contextOf(request, caller))) {
      chain.doFilter(request, response);
    }
  }

  /**
   * The context of {@code request} made by {@code caller} — also for work that authenticates a caller inside the
   * security filters (identity's browser logins), before this filter runs.
   */
  public static RequestContext contextOf(HttpServletRequest request, Caller caller) {
    ActorKind kind = caller.isService() ? ActorKind.SERVICE : ActorKind.USER;
    Surface surface = Surface.ofLabel(request.getHeader(RequestContext.SURFACE_HEADER));
    if (surface == null) {
      String path = request.getRequestURI();
      surface = path != null && path.startsWith("/git/") ? Surface.GIT
          : kind == ActorKind.SERVICE ? Surface.SYSTEM : Surface.API;
    }
    String offered = request.getHeader(RequestContext.REQUEST_ID_HEADER);
    String correlation = RequestContext.isSaneRequestId(offered) ? offered : UUID.randomUUID().toString();
    return new RequestContext(kind, caller.subject(), caller.roles(), surface, correlation);
  }
}
