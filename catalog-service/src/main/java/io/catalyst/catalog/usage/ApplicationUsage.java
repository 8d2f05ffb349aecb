package io.catalyst.catalog.usage;

import java.time.Instant;

/** An Application of an Organization that uses a Blueprint, as provisioning reported it. */
public record ApplicationUsage(String application, String environment, String blueprint, String version,
    String status, Instant updatedAt) {}
