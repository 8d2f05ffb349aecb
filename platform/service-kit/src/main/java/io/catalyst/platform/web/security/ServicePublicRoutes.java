package io.catalyst.platform.web.security;

import io.catalyst.platform.core.PublicRoutes;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The routes of this service that need no token: its own and every service's from {@link PublicRoutes} (by
 * {@code spring.application.name}), plus {@code catalyst.security.public-paths} (for paths the gateway does not
 * route, such as a test's). The security chain permits them and the OpenAPI document marks them public.
 */
public record ServicePublicRoutes(List<PublicRoutes.Route> routes) {

  public static ServicePublicRoutes of(String service, List<String> configured) {
    List<PublicRoutes.Route> routes = new ArrayList<>(PublicRoutes.servedBy(service));
    configured.stream().filter(e -> !e.isBlank()).map(e -> PublicRoutes.Route.parse(e, service)).forEach(routes::add);
    return new ServicePublicRoutes(List.copyOf(routes));
  }

  /** Whether {@code method} on {@code path} (an OpenAPI path such as {@code /x/{name}} counts as one segment each). */
  public boolean isPublic(String method, String path) {
    PathContainer container = PathContainer.parsePath(path);
    return routes.stream().anyMatch(r -> r.allows(method)
        && PathPatternParser.defaultInstance.parse(r.pattern()).matches(container));
  }
}
