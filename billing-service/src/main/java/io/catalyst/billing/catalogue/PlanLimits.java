package io.catalyst.billing.catalogue;

/**
 * What a plan allows an Organization; null = no fixed limit (Flexi is on demand; every plan has unlimited apps).
 *
 * @param maxEnvironments Environments of the Organization
 * @param maxApplications Applications of the Organization, in all its Environments
 * @param cpuMillis       CPU of all its Applications, in millicores
 * @param memoryMb        memory of all its Applications, in MiB
 * @param storageGb       storage, in GiB
 */
public record PlanLimits(Integer maxEnvironments, Integer maxApplications, Integer cpuMillis, Integer memoryMb,
    Integer storageGb) {}
