package io.catalyst.catalog.source;

import java.time.Instant;

/** A Git repository Blueprints are synced from. {@code organization} is null for Sovereign-wide sources. */
public record CatalogSource(String id, String owner, String repo, String url, String branch, SourceScope scope,
    String organization, String lastCommit, Instant lastSyncedAt, String lastStatus) {

  public static String idOf(String owner, String repo) {
    return owner + "/" + repo;
  }
}
