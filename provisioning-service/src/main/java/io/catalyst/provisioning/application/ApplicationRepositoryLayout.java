package io.catalyst.provisioning.application;

import io.catalyst.platform.core.Names;
import io.catalyst.provisioning.environment.EnvironmentType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The initial files of an Application's repository ({@code ARCHITECTURE.md}, "Application repo layout") and its
 * branches: one per Environment the Organization has. Every branch starts with the same tree: each carries the
 * overlay of every Environment there is, and an Environment applies its own ({@code overlays/<env>/}), so the rest
 * of the tree is identical across branches after a promotion. An Environment created later gets its branch from the
 * next-higher one's, with its overlay added ({@link #sourceBranch}, {@link #overlay}).
 *
 * <ul>
 *   <li>{@code blueprint.lock.yaml}: Blueprint name, version, digest
 *   <li>{@code kustomization.yaml}: the base (pins the Blueprint version through {@code release.yaml}, a Flux
 *       {@code HelmRelease}; base values from {@code values.yaml})
 *   <li>{@code values.yaml}: base values (validated against the Blueprint's configSchema by the install flow)
 *   <li>{@code overlays/<env>/kustomization.yaml} and {@code values.yaml}: what an Environment changes
 *   <li>{@code placement.yaml}: mode and regions
 *   <li>{@code secrets/}: ExternalSecret references to OpenBao paths, never values
 *   <li>{@code CODEOWNERS}: the owning team, or the role reference {@code role:org-admin}
 * </ul>
 */
public final class ApplicationRepositoryLayout {

  private static final Pattern APPLICATION = Names.APPLICATION;
  private static final Pattern BLUEPRINT = Names.BLUEPRINT;
  /** A team ({@code team-shop}) or a role reference ({@code role:org-admin}), named after {@code @org/}. */
  private static final Pattern OWNER = Pattern.compile("^(role:[a-z]+(-[a-z]+)*|[a-z][a-z0-9-]{0,62})$");

  /**
   * What the install flow knows about an Application when it creates the repository. {@code owningTeam} is what
   * {@code CODEOWNERS} names after {@code @org/}: a team, or {@code role:org-admin} when nobody chose one.
   */
  public record Spec(String organization, String application, String blueprint, String version, String digest,
      String chartRepository, String valuesYaml, String owningTeam, List<String> regions, List<String> secretKeys) {}

  /** The promotion chain, lowest first; {@code poc} stands beside it. */
  private static final List<EnvironmentType> CHAIN = List.of(EnvironmentType.DEV, EnvironmentType.STG,
      EnvironmentType.UAT, EnvironmentType.PROD);

  /**
   * The branches of a new repository: one per Environment the Organization has, lowest first ({@code develop},
   * {@code staging}, {@code uat}, {@code main}, {@code poc}). An SME with only {@code {org}-prod} gets {@code main}.
   */
  public static List<String> branches(Set<EnvironmentType> organizationEnvironments) {
    return overlays(organizationEnvironments).stream().map(EnvironmentType::branch).toList();
  }

  /** The overlays every branch of a new repository carries: one per Environment the Organization has. */
  public static List<EnvironmentType> overlays(Set<EnvironmentType> organizationEnvironments) {
    return Arrays.stream(EnvironmentType.values()).filter(organizationEnvironments::contains).toList();
  }

  /** The branch the first commit goes on: {@code main} when production exists, else the first of the branches. */
  public static String firstBranch(List<String> branches) {
    if (branches.isEmpty()) {
      throw new IllegalArgumentException("An Application repository needs at least one Environment's branch");
    }
    return branches.contains(EnvironmentType.PROD.branch()) ? EnvironmentType.PROD.branch() : branches.getFirst();
  }

  /**
   * The branch a new Environment's branch starts from, among the repository's {@code existing} branches: the
   * next-higher Environment's in the chain {@code develop → staging → uat → main} (what the new Environment will be
   * promoted into, so it starts as what that one runs); at the top of the chain the closest lower one; {@code poc}
   * starts from {@code main}, else the highest branch there is. Empty when the repository has no Environment branch.
   */
  public static Optional<String> sourceBranch(EnvironmentType type, Collection<String> existing) {
    List<EnvironmentType> there = Arrays.stream(EnvironmentType.values())
        .filter(t -> t != type && existing.contains(t.branch())).toList();
    List<EnvironmentType> candidates = new ArrayList<>();
    if (type == EnvironmentType.POC) {
      candidates.addAll(CHAIN.reversed());
    } else {
      int at = CHAIN.indexOf(type);
      candidates.addAll(CHAIN.subList(at + 1, CHAIN.size())); // higher, nearest first
      candidates.addAll(CHAIN.subList(0, at).reversed()); // then lower, nearest first
      candidates.add(EnvironmentType.POC);
    }
    return candidates.stream().filter(there::contains).map(EnvironmentType::branch).findFirst();
  }

  /** The files of one Environment's overlay ({@code overlays/<env>/}): what that Environment changes. */
  public static Map<String, String> overlay(String application, EnvironmentType type) {
    String dir = "overlays/" + type.code() + "/";
    Map<String, String> files = new LinkedHashMap<>();
    files.put(dir + "kustomization.yaml", """
        # What Environment %2$s changes: its values (applied over ../../values.yaml).
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
          - ../..
        configMapGenerator:
          - name: %1$s-environment-values
            namespace: %1$s
            files:
              - values.yaml
        generatorOptions:
          disableNameSuffixHash: true
        """.formatted(application, type.code()));
    files.put(dir + "values.yaml", "# Values of the " + type.code() + " Environment only.\n{}\n");
    return files;
  }

  /** The files of the first commit, by path. */
  public static Map<String, String> files(Spec spec, Set<EnvironmentType> organizationEnvironments) {
    check(spec);
    String app = spec.application();
    Map<String, String> files = new LinkedHashMap<>();
    files.put("blueprint.lock.yaml", """
        # The Blueprint this Application was installed from. Upgrading edits the version here and in release.yaml.
        blueprint: %s
        version: %s
        digest: %s
        """.formatted(spec.blueprint(), spec.version(), spec.digest()));
    files.put("kustomization.yaml", """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        namespace: %1$s
        labels:
          - pairs:
              openova.io/organization: %2$s
              openova.io/application: %1$s
              openova.io/blueprint: %3$s
              openova.io/blueprint-version: "%4$s"
        resources:
          - release.yaml
          - secrets
        configMapGenerator:
          - name: %1$s-values
            files:
              - values.yaml
        generatorOptions:
          disableNameSuffixHash: true
        """.formatted(app, spec.organization(), spec.blueprint(), spec.version()));
    files.put("release.yaml", """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: %1$s
        spec:
          interval: 10m
          chart:
            spec:
              chart: %2$s
              version: "%3$s"
              sourceRef:
                kind: HelmRepository
                name: catalyst-catalog
                namespace: flux-system
          valuesFrom:
            - kind: ConfigMap
              name: %1$s-values
              valuesKey: values.yaml
            - kind: ConfigMap
              name: %1$s-environment-values
              valuesKey: values.yaml
              optional: true
        """.formatted(app, spec.blueprint(), spec.version()));
    files.put("values.yaml", spec.valuesYaml() == null || spec.valuesYaml().isBlank() ? "{}\n" : spec.valuesYaml());
    for (EnvironmentType type : overlays(organizationEnvironments)) {
      files.putAll(overlay(app, type));
    }
    files.put("placement.yaml", """
        mode: %s
        regions:
        %s""".formatted(spec.regions().size() > 1 ? "multi-region" : "single-region",
        spec.regions().stream().map(r -> "  - " + r + "\n").reduce("", String::concat)));
    StringBuilder secrets = new StringBuilder();
    secrets.append("""
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
        """);
    if (spec.secretKeys().isEmpty()) {
      secrets.append("  []\n");
    } else {
      secrets.append("  - external-secret.yaml\n");
      StringBuilder data = new StringBuilder();
      for (String key : spec.secretKeys()) {
        data.append("""
                - secretKey: %1$s
                  remoteRef:
                    key: org/%2$s/app/%3$s
                    property: %1$s
            """.formatted(key, spec.organization(), app));
      }
      files.put("secrets/external-secret.yaml", """
          # A reference to values kept in OpenBao; never a value. The path holds one entry per Environment.
          apiVersion: external-secrets.io/v1
          kind: ExternalSecret
          metadata:
            name: %1$s
          spec:
            refreshInterval: 1h
            secretStoreRef:
              kind: ClusterSecretStore
              name: openbao
            target:
              name: %1$s
            data:
          %2$s""".formatted(app, data));
    }
    files.put("secrets/kustomization.yaml", secrets.toString());
    files.put("CODEOWNERS", """
        # Owners of %s: reviews of changes and approvals of promotions name this team.
        * @%s/%s
        """.formatted(app, spec.organization(), spec.owningTeam()));
    return files;
  }

  private static void check(Spec spec) {
    if (!APPLICATION.matcher(spec.application()).matches()) {
      throw new IllegalArgumentException("Not an Application name: " + spec.application());
    }
    if (!BLUEPRINT.matcher(spec.blueprint()).matches()) {
      throw new IllegalArgumentException("Not a Blueprint name: " + spec.blueprint());
    }
    if (!OWNER.matcher(spec.owningTeam()).matches()) {
      throw new IllegalArgumentException("Not a team name: " + spec.owningTeam());
    }
    if (spec.regions().isEmpty()) {
      throw new IllegalArgumentException("An Application is placed in at least one region");
    }
  }

  private ApplicationRepositoryLayout() {}
}
