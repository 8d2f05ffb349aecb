package io.catalyst.catalog.resolve;

/** An Application the caller already runs, offered to satisfy a dependency instead of installing a new one. */
public record ExistingApplication(String application, String environment, String blueprint, String version) {}
