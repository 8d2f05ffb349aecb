package io.catalyst.catalog.source;

import io.catalyst.catalog.contract.CatalogEvents.RejectedFile;
import java.time.Instant;
import java.util.List;

/**
 * What one sync of a source did: {@code ok} (every file registered or unchanged), {@code rejected-files} (the valid
 * ones registered, the listed files refused) or {@code failed} (the source could not be read; {@code error} says why).
 */
public record SyncReport(long run, String source, String trigger, String commit, Instant startedAt,
    Instant finishedAt, String status, int published, int unchanged, int rejected, String error,
    List<RejectedFile> files) {}
