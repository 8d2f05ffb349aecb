package io.catalyst.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.platform.core.RequestContext;
import io.catalyst.platform.core.RequestContext.ActorKind;
import io.catalyst.platform.core.RequestContext.Surface;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The request context the outbox reads: who, through which surface, under which correlation id. */
class RequestContextFilterTest {

  @AfterEach
  void clear() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void aUsersRequestThroughTheConsoleCarriesTheGatewaysSurfaceAndRequestId() throws Exception {
    authenticate("layla", List.of("org-admin", "org-developer"));
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/provisioning/environments");
    request.addHeader("X-Catalyst-Surface", "ui");
    request.addHeader("X-Request-Id", "0f8e2a90-req-1");

    RequestContext seen = run(request);

    assertThat(seen.actorKind()).isEqualTo(ActorKind.USER);
    assertThat(seen.actor()).isEqualTo("layla");
    assertThat(seen.rolesList()).isEqualTo("org-admin,org-developer");
    assertThat(seen.surface()).isEqualTo(Surface.UI);
    assertThat(seen.correlationId()).isEqualTo("0f8e2a90-req-1");
    assertThat(RequestContext.current()).as("closed after the request").isEqualTo(RequestContext.SYSTEM);
  }

  @Test
  void withoutTheGatewaysHeadersTheSurfaceFollowsThePathAndACorrelationIdIsMade() throws Exception {
    authenticate("layla", List.of("org-developer"));
    MockHttpServletRequest git = new MockHttpServletRequest("POST", "/git/bank/erp.git/git-receive-pack");
    git.setRequestURI("/git/bank/erp.git/git-receive-pack");
    git.addHeader("X-Catalyst-Surface", "telepathy"); // not a surface: ignored
    git.addHeader("X-Request-Id", "bad id\r\nx"); // not a sane id: replaced

    RequestContext seen = run(git);

    assertThat(seen.surface()).isEqualTo(Surface.GIT);
    assertThat(seen.correlationId()).matches("[0-9a-f-]{36}");
  }

  @Test
  void anotherServicesCallIsTheServiceThroughTheSystemUnlessItPassesTheSurfaceOn() throws Exception {
    authenticate("provisioning-service", List.of("service"));
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/catalog/blueprints");
    request.setRequestURI("/api/v1/catalog/blueprints");

    RequestContext seen = run(request);

    assertThat(seen.actorKind()).isEqualTo(ActorKind.SERVICE);
    assertThat(seen.surface()).isEqualTo(Surface.SYSTEM);
  }

  private static RequestContext run(MockHttpServletRequest request) throws Exception {
    AtomicReference<RequestContext> seen = new AtomicReference<>();
    MockFilterChain chain = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
      @Override
      protected void service(jakarta.servlet.http.HttpServletRequest req,
          jakarta.servlet.http.HttpServletResponse res) {
        seen.set(RequestContext.current());
      }
    });
    new RequestContextFilter().doFilter(request, new MockHttpServletResponse(), chain);
    return seen.get();
  }

  private static void authenticate(String subject, List<String> roles) {
    Jwt jwt = new Jwt("t", Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "RS256"),
        Map.of("sub", subject, "org", "bank", "roles", roles));
    SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
  }
}
