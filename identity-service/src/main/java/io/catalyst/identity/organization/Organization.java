package io.catalyst.identity.organization;

import java.time.Instant;

/** A tenant of the Sovereign. The slug is its immutable name. */
public record Organization(String slug, String displayName, String style, String status, String createdBy,
    Instant createdAt, Instant updatedAt, Instant suspendedAt, String suspensionReason) {}
