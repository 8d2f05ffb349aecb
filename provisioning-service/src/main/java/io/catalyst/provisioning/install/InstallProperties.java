package io.catalyst.provisioning.install;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code catalyst.provisioning.install.*}.
 *
 * @param gitBaseUrl     the Git host as an Environment's Flux reaches it (the {@code GitRepository} URLs)
 * @param lease          how long an attempt owns an install; a retry or the resumer takes over after it
 * @param resumeInterval how often installs interrupted by a crash are looked for and finished
 * @param planTtl        how long a plan can be applied
 */
@ConfigurationProperties("catalyst.provisioning.install")
public record InstallProperties(
    @DefaultValue("http://provisioning-service.catalyst.svc:8083/git") String gitBaseUrl,
    @DefaultValue("PT30S") Duration lease,
    @DefaultValue("PT30S") Duration resumeInterval,
    @DefaultValue("PT1H") Duration planTtl) {}
