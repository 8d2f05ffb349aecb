package io.catalyst.catalog.blueprint;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled configSchemas by Blueprint digest. A published version never changes, so a compiled schema never goes
 * stale; the cache is only bounded.
 */
public final class ConfigSchemas {

  private static final int MAX_ENTRIES = 4096;
  private static final Map<String, ConfigSchema> CACHE = new ConcurrentHashMap<>();

  private ConfigSchemas() {}

  public static ConfigSchema of(Blueprint blueprint) {
    if (CACHE.size() > MAX_ENTRIES) {
      CACHE.clear();
    }
    return CACHE.computeIfAbsent(blueprint.digest(), d -> ConfigSchema.of(blueprint.configSchema()));
  }
}
