package io.catalyst.provisioning.organization;

import java.time.Instant;
import java.util.List;

/**
 * An Environment as the API shows it.
 *
 * @param branch       the branch of every Application repository this Environment applies
 * @param bootstrapSha the {@code system/catalyst-config} commit holding its GitOps bootstrap
 */
public record Environment(String name, String organization, String type, String branch, String status,
    List<String> regions, Instant createdAt, String createdBy, String bootstrapSha) {}
