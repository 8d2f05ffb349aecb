package io.catalyst.provisioning.githost;

import io.catalyst.platform.core.TokenScopes;
import io.catalyst.platform.web.security.Caller;
import io.catalyst.platform.web.security.IdentityUnavailableException;
import io.catalyst.platform.web.security.SuspendedOrganizations;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates Git clients on {@code /git/**}: HTTP Basic whose password is an access token (what {@code git}
 * sends for {@code http://user:token@host/...} or from a credential helper), or {@code Authorization: Bearer}. A
 * request without valid credentials gets {@code 401} with a Basic challenge, so {@code git} asks for credentials
 * (or retries with those in the URL). Paths that are not {@code /git/{owner}/{repo}.git/...} with valid names are
 * refused with {@code 400} before anything touches the disk.
 *
 * <p>A personal access token needs {@code git:read} to fetch or clone and {@code git:write} to push (receive-pack),
 * else {@code 403} naming the scope. A caller of a suspended Organization gets {@code 403} (services never do); when
 * identity-service cannot check a personal access token the answer is {@code 503}, not a credentials prompt.
 */
final class GitAuthenticationFilter extends OncePerRequestFilter {

  static final String CALLER = io.catalyst.platform.web.security.Caller.REQUEST_ATTRIBUTE;
  static final String REPOSITORY = GitAuthenticationFilter.class.getName() + ".repository";

  private static final Pattern PATH = Pattern.compile("^/git/([^/]+)/([^/]+?)(?:\\.git)?(/.*)?$");

  private final List<AccessTokenVerifier> verifiers;
  private final SuspendedOrganizations suspended;

  GitAuthenticationFilter(List<AccessTokenVerifier> verifiers, SuspendedOrganizations suspended) {
    this.verifiers = verifiers;
    this.suspended = suspended;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    Matcher m = PATH.matcher(path);
    Optional<RepositoryPath> repo = m.matches() ? RepositoryPath.parse(m.group(1), m.group(2)) : Optional.empty();
    if (repo.isEmpty()) {
      plain(response, HttpServletResponse.SC_BAD_REQUEST, "Not a repository address. Use /git/{owner}/{repository}.git "
          + "with lower-case names (letters, digits, '-').");
      return;
    }
    Optional<Caller> caller;
    try {
      caller = token(request).flatMap(this::verify);
    } catch (IdentityUnavailableException e) {
      response.setHeader("Retry-After", "5");
      plain(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "identity-service is unavailable right now, so "
          + "your personal access token cannot be checked; try again shortly.");
      return;
    }
    if (caller.isEmpty()) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"Catalyst\"");
      plain(response, HttpServletResponse.SC_UNAUTHORIZED, "Sign in with your user name and a personal access token "
          + "or access token as the password.");
      return;
    }
    if (suspended.refuses(caller.get())) {
      plain(response, HttpServletResponse.SC_FORBIDDEN, "The Organization " + caller.get().organization()
          + " is suspended by the Sovereign's administrators; its repositories are closed until it is reactivated.");
      return;
    }
    String scope = TokenScopes.forGit(isPush(request));
    if (!caller.get().allows(scope)) {
      plain(response, HttpServletResponse.SC_FORBIDDEN, "This personal access token lacks the scope " + scope
          + ". Create a token with " + scope + " to " + (isPush(request) ? "push." : "clone or fetch."));
      return;
    }
    request.setAttribute(CALLER, caller.get());
    request.setAttribute(REPOSITORY, repo.get());
    chain.doFilter(request, response);
  }

  private Optional<Caller> verify(String token) {
    for (AccessTokenVerifier verifier : verifiers) {
      Optional<Caller> caller = verifier.verify(token);
      if (caller.isPresent() && caller.get().isAuthenticated()) {
        return caller;
      }
    }
    return Optional.empty();
  }

  /** receive-pack: the ref advertisement for a push ({@code info/refs?service=git-receive-pack}) or the push. */
  static boolean isPush(HttpServletRequest request) {
    String uri = request.getRequestURI();
    return uri.endsWith("/git-receive-pack") || "git-receive-pack".equals(request.getParameter("service"));
  }

  static Optional<String> token(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null) {
      return Optional.empty();
    }
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.of(header.substring(7).trim()).filter(t -> !t.isEmpty());
    }
    if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      int colon = decoded.indexOf(':');
      String user = colon < 0 ? decoded : decoded.substring(0, colon);
      String password = colon < 0 ? "" : decoded.substring(colon + 1);
      // The token is the password; some tools put it in the user name and leave the password empty.
      return Optional.of(password.isEmpty() ? user : password).filter(t -> !t.isEmpty());
    }
    return Optional.empty();
  }

  private static void plain(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain;charset=UTF-8");
    response.getOutputStream().write((message + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
