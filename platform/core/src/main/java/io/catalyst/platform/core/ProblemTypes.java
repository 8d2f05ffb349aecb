package io.catalyst.platform.core;

import java.net.URI;

/**
 * Stable {@code type} URIs of the problem details every Catalyst process answers with (RFC 9457). Clients switch on
 * these, never on the human {@code detail}.
 */
public final class ProblemTypes {
  private static final String BASE = "https://catalyst.dev/problems/";

  public static final URI VALIDATION = URI.create(BASE + "validation");
  public static final URI MALFORMED_REQUEST = URI.create(BASE + "malformed-request");
  public static final URI UNAUTHORIZED = URI.create(BASE + "unauthorized");
  public static final URI FORBIDDEN = URI.create(BASE + "forbidden");
  /** 403: the caller's Organization is suspended by the Sovereign; its tokens are refused until reactivation. */
  public static final URI ORGANIZATION_SUSPENDED = URI.create(BASE + "organization-suspended");
  /** 403: a personal access token lacks the scope the request needs (e.g. {@code api:write}). */
  public static final URI INSUFFICIENT_SCOPE = URI.create(BASE + "insufficient-scope");
  public static final URI NOT_FOUND = URI.create(BASE + "not-found");
  public static final URI METHOD_NOT_ALLOWED = URI.create(BASE + "method-not-allowed");
  public static final URI NOT_ACCEPTABLE = URI.create(BASE + "not-acceptable");
  public static final URI CONFLICT = URI.create(BASE + "conflict");
  public static final URI GONE = URI.create(BASE + "gone");
  public static final URI PAYLOAD_TOO_LARGE = URI.create(BASE + "payload-too-large");
  public static final URI UNSUPPORTED_MEDIA_TYPE = URI.create(BASE + "unsupported-media-type");
  public static final URI UNPROCESSABLE = URI.create(BASE + "unprocessable");
  public static final URI RATE_LIMITED = URI.create(BASE + "rate-limited");
  public static final URI SERVICE_UNAVAILABLE = URI.create(BASE + "service-unavailable");
  public static final URI INTERNAL = URI.create(BASE + "internal");

  private ProblemTypes() {}

  /** The type of a problem known only by its status (framework and gateway errors). */
  public static URI forStatus(int status) {
    return switch (status) {
      case 401 -> UNAUTHORIZED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 409 -> CONFLICT;
      case 410 -> GONE;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 422 -> UNPROCESSABLE;
      case 429 -> RATE_LIMITED;
      case 503 -> SERVICE_UNAVAILABLE;
      default -> status >= 500 ? INTERNAL : MALFORMED_REQUEST;
    };
  }

  /** Convenience for types of a service's own, e.g. {@code of("environment-not-empty")}. */
  public static URI of(String slug) {
    return URI.create(BASE + slug);
  }
}
