package io.catalyst.catalog.blueprint;

/**
 * One thing wrong, addressed by a JSON pointer: into a {@code blueprint.yaml} (e.g. {@code /spec/depends/1/version})
 * or into a config being validated (e.g. {@code /replicas}).
 */
public record ConfigProblem(String pointer, String message) {}
