package io.catalyst.catalog.blueprint;

import java.time.Instant;

/** One published version as stored; {@code document} is the canonical blueprint.yaml as JSON text. */
public record StoredVersion(long id, long blueprintId, String version, String digest, String document, String readme,
    String sourcePath, String commit, String deprecation, Instant deprecatedAt, Instant publishedAt) {}
