package io.catalyst.catalog.blueprint;

import java.time.Instant;
import java.util.List;

/** A Blueprint as stored: its card (from its highest version), scope and counters. */
public record StoredBlueprint(long id, String name, String organization, String sourceId, Visibility visibility,
    String title, String summary, String category, List<String> tags, String icon, String documentation,
    String license, String ownerTeam, String ownerContact, String latestVersion, String readme, int installs,
    Instant createdAt, Instant updatedAt) {}
