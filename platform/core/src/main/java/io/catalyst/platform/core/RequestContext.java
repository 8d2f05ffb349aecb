package io.catalyst.platform.core;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is acting, through which surface, and under which correlation id, for the work running on this thread: an API
 * request (set by the service kit from the caller and the gateway's headers), a Kafka record being consumed (set by
 * the inbox from the record's envelope), or nothing (a scheduler: the system). The outbox copies it into every
 * event's envelope, so audit can tell who changed what, where and why.
 *
 * <pre>{@code try (RequestContext.Scope scope = RequestContext.open(context)) { ... }}</pre>
 *
 * @param actorKind     a user, a Catalyst service (client-credentials token), or the system itself
 * @param actor         the user's or service's subject; null for the system
 * @param roles         the actor's roles (sorted)
 * @param surface       how the change entered: the console ({@code ui}), {@code git}, the {@code api}, or the
 *                      {@code system} (schedulers, consumers of events)
 * @param correlationId the gateway's request id, carried from the request through every event it causes
 */
public record RequestContext(ActorKind actorKind, String actor, Set<String> roles, Surface surface,
    String correlationId) {

  /** The header the gateway sets (and strips from clients) to name the surface. */
  public static final String SURFACE_HEADER = "X-Catalyst-Surface";
  /** The gateway's request id, the correlation id of everything a request causes. */
  public static final String REQUEST_ID_HEADER = "X-Request-Id";

  private static final ThreadLocal<RequestContext> CURRENT = new ThreadLocal<>();
  /** Long enough for UUIDs and trace ids, and nothing a log line or header could be abused with. */
  private static final java.util.regex.Pattern SANE_REQUEST_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{8,128}");

  /** Work no request or event started (a scheduler, start-up). */
  public static final RequestContext SYSTEM = new RequestContext(ActorKind.SYSTEM, null, Set.of(), Surface.SYSTEM,
      null);

  public RequestContext {
    Objects.requireNonNull(actorKind, "actorKind");
    Objects.requireNonNull(surface, "surface");
    roles = roles == null ? Set.of() : Set.copyOf(new TreeSet<>(roles));
  }

  /** The context of this thread's work, {@link #SYSTEM} when none was opened. */
  public static RequestContext current() {
    RequestContext c = CURRENT.get();
    return c == null ? SYSTEM : c;
  }

  /** Makes {@code context} current until the scope closes (then the previous one is current again). */
  public static Scope open(RequestContext context) {
    RequestContext previous = CURRENT.get();
    CURRENT.set(context);
    return () -> {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    };
  }

  /** Whether a request id a client offered may be kept (the gateway's and the services' one rule). */
  public static boolean isSaneRequestId(String id) {
    return id != null && SANE_REQUEST_ID.matcher(id).matches();
  }

  /** The roles as the envelope carries them: comma-separated, sorted; null when there are none. */
  public String rolesList() {
    return roles.isEmpty() ? null : String.join(",", new TreeSet<>(roles));
  }

  /** Closes without throwing. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /** Who acts. */
  public enum ActorKind {
    USER, SERVICE, SYSTEM;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Through what the change entered. */
  public enum Surface {
    UI, GIT, API, SYSTEM;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The surface a header names, or null for anything else. */
    public static Surface ofLabel(String label) {
      if (label == null) {
        return null;
      }
      for (Surface s : values()) {
        if (s.label().equalsIgnoreCase(label.trim())) {
          return s;
        }
      }
      return null;
    }
  }
}
