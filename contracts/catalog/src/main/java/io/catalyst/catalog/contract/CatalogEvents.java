package io.catalyst.catalog.contract;

import java.util.List;

/** Data of the events catalog-service publishes (topic {@code catalyst.catalog.v1}). */
public final class CatalogEvents {

  /** What completes the names below to CloudEvents types (catalog's outbox adds it when publishing). */
  public static final String PREFIX = "io.catalyst.catalog.";

  /** {@code io.catalyst.catalog.blueprint.version.published.v1}. */
  public static final String VERSION_PUBLISHED = "blueprint.version.published.v1";
  /** {@code io.catalyst.catalog.blueprint.version.deprecated.v1}. */
  public static final String VERSION_DEPRECATED = "blueprint.version.deprecated.v1";
  /** {@code io.catalyst.catalog.source.sync.failed.v1}. */
  public static final String SYNC_FAILED = "source.sync.failed.v1";

  private CatalogEvents() {}

  /**
   * A new Blueprint version is installable. {@code organization} is set for an Organization's private Blueprint
   * (and is the record key); null for Sovereign-wide ones.
   */
  public record VersionPublished(String blueprint, String version, String digest, String organization,
      String visibility, String category, String source, String commit, String path) {}

  public record VersionDeprecated(String blueprint, String version, String organization, String reason,
      String source) {}

  /**
   * A sync found files it could not register (status {@code rejected-files}) or could not read the source at all
   * ({@code failed}). {@code files} lists each rejected file's problems; the full report is at
   * {@code GET /api/v1/catalog/sources/{owner}/{repo}/sync-report}.
   */
  public record SyncFailed(String source, String owner, String repo, String organization, String commit,
      String status, String error, List<RejectedFile> files) {}

  public record RejectedFile(String path, String blueprint, String version, List<Problem> problems) {}

  public record Problem(String pointer, String message) {}
}
