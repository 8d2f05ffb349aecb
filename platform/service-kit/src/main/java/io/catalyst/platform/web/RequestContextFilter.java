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
import java.util.regex.Pattern;
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

  private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

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

  static RequestContext contextOf(HttpServletRequest request, Caller caller) {
    ActorKind kind = caller.isService() ? ActorKind.SERVICE : ActorKind.USER;
    Surface surface = Surface.ofLabel(request.getHeader(RequestContext.SURFACE_HEADER));
    if (surface == null) {
      String path = request.getRequestURI();
      surface = path != null && path.startsWith("/git/") ? Surface.GIT
          : kind == ActorKind.SERVICE ? Surface.SYSTEM : Surface.API;
    }
    String offered = request.getHeader(RequestContext.REQUEST_ID_HEADER);
    String correlation = offered != null && SANE_ID.matcher(offered).matches() ? offered
        : UUID.randomUUID().toString();
    return new RequestContext(kind, caller.subject(), caller.roles(), surface, correlation);
  }
}
