package io.catalyst.provisioning.organization;

import io.catalyst.provisioning.environment.EnvironmentName;

/**
 * In-process notice (a Spring application event, not a Kafka contract) that an Environment was just created, in the
 * transaction that creates it: the Application repositories of its Organization get its branch
 * ({@code application.EnvironmentBranches}).
 */
public record EnvironmentAdded(EnvironmentName environment, String actor) {}
