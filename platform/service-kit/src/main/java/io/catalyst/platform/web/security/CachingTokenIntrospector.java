package io.catalyst.platform.web.security;

import io.catalyst.platform.core.TokenScopes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers introspection answers briefly so a burst of calls with one token costs one question to identity-service:
 * an active token for {@code activeTtl} (a revocation takes effect after at most that long), an inactive one for
 * {@code inactiveTtl}. At most {@code maxEntries} tokens are kept (least recently used out first), keyed by the
 * token's SHA-256, never the token. Failures are not remembered.
 */
public class CachingTokenIntrospector implements PersonalAccessTokenIntrospector {

  private record Answer(Optional<Caller> caller, Instant until) {}

  private final PersonalAccessTokenIntrospector delegate;
  private final Clock clock;
  private final Duration activeTtl;
  private final Duration inactiveTtl;
  private final Map<String, Answer> entries;

  public CachingTokenIntrospector(PersonalAccessTokenIntrospector delegate, Clock clock, Duration activeTtl,
      Duration inactiveTtl, int maxEntries) {
    this.delegate = delegate;
    this.clock = clock;
    this.activeTtl = activeTtl;
    this.inactiveTtl = inactiveTtl;
    this.entries = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
        return size() > maxEntries;
      }
    };
  }

  @Override
  public Optional<Caller> introspect(String token) {
    String key = TokenScopes.fingerprint(token);
    Instant now = clock.instant();
    synchronized (entries) {
      Answer entry = entries.get(key);
      if (entry != null) {
        if (now.isBefore(entry.until())) {
          return entry.caller();
        }
        entries.remove(key);
      }
    }
    Optional<Caller> answer = delegate.introspect(token); // not under the lock: a slow answer blocks no one else
    Duration ttl = answer.isPresent() ? activeTtl : inactiveTtl;
    if (ttl.isPositive()) {
      synchronized (entries) {
        entries.put(key, new Answer(answer, clock.instant().plus(ttl)));
      }
    }
    return answer;
  }

  /** How many answers are remembered (for tests and metrics). */
  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}
