package io.catalyst.provisioning.install;

import io.catalyst.provisioning.billing.BillingClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an install will do, before it does anything: the Applications and repositories it creates (in dependency
 * order), the existing Applications it reuses, the dependency edges, hostnames and the price change.
 *
 * @param id        the plan's id; {@code POST …/install-plans/{id}/apply} carries it out
 * @param team      the owning team, named in every repository's CODEOWNERS
 * @param blueprint the requested Blueprint (a composite one installs as its members and gets no repository)
 */
public record InstallPlan(String id, String organization, String environment, String name, String blueprint,
    String version, boolean composite, List<PlannedApplication> applications, List<ReusedApplication> reused,
    List<Edge> edges, BillingClient.Quote price, List<String> warnings, String team, Instant expiresAt) {

  /**
   * One Application to create, with its repository {@code {org}/{name}}.
   *
   * @param dependency     the path of aliases that led to it ({@code db}, {@code shop-site}); null for the requested
   *                       Application
   * @param backingService a database, cache, storage or mail Blueprint, or one present only as a dependency
   * @param dependsOn      Applications of the same Environment it waits for (new or reused)
   * @param values         its {@code values.yaml}: the validated config (with defaults) or what its dependents pass
   * @param secretKeys     configSchema properties marked {@code password}: referenced from OpenBao, never in Git
   */
  public record PlannedApplication(String name, String blueprint, String version, String digest, String category,
      String dependency, boolean backingService, String repository, List<String> branches, String hostname,
      List<String> dependsOn, Map<String, Object> values, List<String> secretKeys) {

    public PlannedApplication withHostname(String chosen) {
      return new PlannedApplication(name, blueprint, version, digest, category, dependency, backingService,
          repository, branches, chosen, dependsOn, values, secretKeys);
    }
  }

  /** A dependency served by an Application that exists already (the user's choice). */
  public record ReusedApplication(String dependency, String blueprint, String application, String version) {}

  /** {@code from} depends on {@code to}: Flux applies {@code to} first. */
  public record Edge(String from, String to) {}

  public InstallPlan withId(String planId, Instant expires) {
    return new InstallPlan(planId, organization, environment, name, blueprint, version, composite, applications,
        reused, edges, price, warnings, team, expires);
  }

  public InstallPlan withApplications(List<PlannedApplication> planned) {
    return new InstallPlan(id, organization, environment, name, blueprint, version, composite, planned, reused,
        edges, price, warnings, team, expiresAt);
  }

  public InstallPlan withPrice(BillingClient.Quote quote) {
    return new InstallPlan(id, organization, environment, name, blueprint, version, composite, applications, reused,
        edges, quote, warnings, team, expiresAt);
  }
}
