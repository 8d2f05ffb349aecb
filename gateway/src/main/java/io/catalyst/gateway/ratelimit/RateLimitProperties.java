package io.catalyst.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token buckets per client ({@code catalyst.gateway.rate-limit.*}): one per user ({@code sub}) for authenticated
 * requests, one per client address for anonymous ones.
 */
@ConfigurationProperties("catalyst.gateway.rate-limit")
public class RateLimitProperties {

  /** Where buckets live: this process ({@code memory}) or Redis, shared by every gateway replica. */
  public enum Store {
    MEMORY,
    REDIS
  }

  private boolean enabled = true;
  private Store store = Store.MEMORY;
  private final BucketSettings authenticated = new BucketSettings(50, 25);
  private final BucketSettings anonymous = new BucketSettings(20, 10);
  /** Bound of the in-memory store; the least recently used idle clients are forgotten first. */
  private int maxClients = 100_000;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Store getStore() {
    return store;
  }

  public void setStore(Store store) {
    this.store = store;
  }

  public BucketSettings getAuthenticated() {
    return authenticated;
  }

  public BucketSettings getAnonymous() {
    return anonymous;
  }

  public int getMaxClients() {
    return maxClients;
  }

  public void setMaxClients(int maxClients) {
    this.maxClients = maxClients;
  }

  /** Burst size and sustained rate of one bucket. */
  public static class BucketSettings {
    private int capacity;
    private double refillPerSecond;

    BucketSettings(int capacity, double refillPerSecond) {
      this.capacity = capacity;
      this.refillPerSecond = refillPerSecond;
    }

    public int getCapacity() {
      return capacity;
    }

    public void setCapacity(int capacity) {
      this.capacity = capacity;
    }

    public double getRefillPerSecond() {
      return refillPerSecond;
    }

    public void setRefillPerSecond(double refillPerSecond) {
      this.refillPerSecond = refillPerSecond;
    }

    BucketPolicy toPolicy() {
      return new BucketPolicy(capacity, refillPerSecond);
    }
  }
}
