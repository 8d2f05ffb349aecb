package io.catalyst.platform.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * The scopes of personal access tokens and what each allows. {@code api:read} allows the API's reading methods
 * (GET, HEAD, OPTIONS), {@code api:write} every method; {@code git:read} fetch and clone, {@code git:write} push. A
 * {@code :write} scope includes its {@code :read} (a token that may change something may also look at it). The one
 * place these rules live: the gateway, the service kit and the Git host all ask here.
 */
public final class TokenScopes {

  /** The prefix of identity-service's personal access tokens; anything else in a bearer header is a JWT. */
  public static final String PERSONAL_ACCESS_TOKEN_PREFIX = "cat_pat_";

  public static final String API_READ = "api:read";
  public static final String API_WRITE = "api:write";
  public static final String GIT_READ = "git:read";
  public static final String GIT_WRITE = "git:write";

  private TokenScopes() {}

  public static boolean isPersonalAccessToken(String token) {
    return token != null && token.startsWith(PERSONAL_ACCESS_TOKEN_PREFIX);
  }

  /** The SHA-256 of a token in hex: what a cache of introspection answers is keyed by (never the token itself). */
  public static String fingerprint(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The scope an API request with this HTTP method needs. */
  public static String forApi(String method) {
    return switch (method == null ? "" : method.toUpperCase(java.util.Locale.ROOT)) {
      case "GET", "HEAD", "OPTIONS" -> API_READ;
      default -> API_WRITE;
    };
  }

  /** The scope a Git smart-HTTP request needs: {@code git:write} for receive-pack (push), else {@code git:read}. */
  public static String forGit(boolean push) {
    return push ? GIT_WRITE : GIT_READ;
  }

  /** Whether {@code granted} allows {@code required}; a {@code :write} scope also allows the same {@code :read}. */
  public static boolean grants(Set<String> granted, String required) {
    if (granted.contains(required)) {
      return true;
    }
    return required.endsWith(":read")
        && granted.contains(required.substring(0, required.length() - ":read".length()) + ":write");
  }
}
