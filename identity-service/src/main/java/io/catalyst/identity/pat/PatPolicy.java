package io.catalyst.identity.pat;

import io.catalyst.identity.token.OpaqueTokens;
import io.catalyst.platform.core.TokenScopes;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The rules of personal access tokens: a name (1–100 characters), scopes from {@link #SCOPES}, a lifetime of 1 to
 * 365 days (default 90); the token is {@code cat_pat_} + 32 random bytes and only its SHA-256 is stored.
 */
public final class PatPolicy {

  public static final String PREFIX = TokenScopes.PERSONAL_ACCESS_TOKEN_PREFIX;
  /** {@code api:*} as a bearer token on the API, {@code git:*} as the HTTP Basic password of the Git host. */
  public static final List<String> SCOPES =
      List.of(TokenScopes.API_READ, TokenScopes.API_WRITE, TokenScopes.GIT_READ, TokenScopes.GIT_WRITE);
  public static final int DEFAULT_DAYS = 90;
  public static final int MAX_DAYS = 365;

  private PatPolicy() {}

  public record Valid(String name, List<String> scopes, Instant expiresAt) {}

  public static Valid validate(String name, List<String> scopes, Integer expiresInDays, Instant now) {
    List<FieldProblem> problems = new ArrayList<>();
    String trimmed = name == null ? "" : name.trim();
    if (trimmed.isEmpty() || trimmed.length() > 100) {
      problems.add(FieldProblem.field("name", "must be 1 to 100 characters, e.g. laptop git"));
    }
    LinkedHashSet<String> s = new LinkedHashSet<>();
    if (scopes == null || scopes.isEmpty()) {
      problems.add(FieldProblem.field("scopes", "must name at least one of " + String.join(", ", SCOPES)));
    } else {
      for (String scope : scopes) {
        if (!SCOPES.contains(scope)) {
          problems.add(FieldProblem.field("scopes", "'" + scope + "' is not one of " + String.join(", ", SCOPES)));
        }
        s.add(scope);
      }
    }
    int days = expiresInDays == null ? DEFAULT_DAYS : expiresInDays;
    if (days < 1 || days > MAX_DAYS) {
      problems.add(FieldProblem.field("expiresInDays", "must be 1 to 365 (default 90)"));
    }
    if (!problems.isEmpty()) {
      throw ProblemException.invalid("The token request is not valid: " + String.join("; ",
          problems.stream().map(p -> p.field() + " " + p.message()).toList()) + ".", problems);
    }
    return new Valid(trimmed, List.copyOf(s), now.plus(Duration.ofDays(days)));
  }

  public static String generate() {
    return OpaqueTokens.generate(PREFIX);
  }

  public static byte[] hash(String token) {
    return OpaqueTokens.hash(token);
  }

  /** Whether a stored token is usable at {@code now}. */
  public static boolean active(Instant expiresAt, Instant revokedAt, Instant now) {
    return revokedAt == null && now.isBefore(expiresAt);
  }
}
