package io.catalyst.provisioning.githost;

import io.catalyst.platform.web.security.Caller;
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
 */
final class GitAuthenticationFilter extends OncePerRequestFilter {

  static final String CALLER = GitAuthenticationFilter.class.getName() + ".caller";
  static final String REPOSITORY = GitAuthenticationFilter.class.getName() + ".repository";

  private static final Pattern PATH = Pattern.compile("^/git/([^/]+)/([^/]+?)(?:\\.git)?(/.*)?$");

  private final List<AccessTokenVerifier> verifiers;

  GitAuthenticationFilter(List<AccessTokenVerifier> verifiers) {
    this.verifiers = verifiers;
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
    Optional<Caller> caller = token(request).flatMap(this::verify);
    if (caller.isEmpty()) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"Catalyst\"");
      plain(response, HttpServletResponse.SC_UNAUTHORIZED, "Sign in with your user name and a personal access token "
          + "or access token as the password.");
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
