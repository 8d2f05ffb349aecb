package io.catalyst.platform.web.security;

import io.catalyst.platform.core.CatalystClaims;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves {@link Caller} controller parameters from the validated access token or personal access token. */
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return Caller.class.equals(parameter.getParameterType());
  }

  @Override
  public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
      WebDataBinderFactory binderFactory) {
    return current();
  }

  /** The caller of the current request, or {@link Caller#ANONYMOUS}. */
  public static Caller current() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth instanceof JwtAuthenticationToken token) {
      return fromJwt(token.getToken());
    }
    if (auth instanceof PersonalAccessTokenAuthentication pat) {
      return pat.caller();
    }
    return Caller.ANONYMOUS;
  }

  public static Caller fromJwt(Jwt jwt) {
    return new Caller(jwt.getSubject(), jwt.getClaimAsString(CatalystClaims.ORGANIZATION),
        strings(jwt, CatalystClaims.ROLES), strings(jwt, CatalystClaims.TEAMS),
        strings(jwt, CatalystClaims.ENVIRONMENTS));
  }

  private static Set<String> strings(Jwt jwt, String claim) {
    Object value = jwt.getClaims().get(claim);
    Set<String> out = new HashSet<>();
    if (value instanceof Collection<?> c) {
      c.forEach(v -> out.add(String.valueOf(v)));
    } else if (value instanceof String s && !s.isBlank()) {
      out.add(s);
    }
    return out;
  }
}
