package io.catalyst.provisioning.gitops;

import io.catalyst.provisioning.environment.EnvironmentName;
import java.util.List;

/**
 * The Flux objects that make an Environment apply one Application: a {@code GitRepository} watching the
 * Environment's branch of the Application's repository and a {@code Kustomization} applying the Environment's
 * overlay, with {@code dependsOn} edges from the Blueprint's dependencies. Written by the install flow to
 * {@code environments/{env}/applications/{app}.yaml} of {@code system/catalyst-config}.
 */
public final class ApplicationSources {

  public static String path(EnvironmentName environment, String application) {
    return EnvironmentBootstrap.folder(environment) + "applications/" + application + ".yaml";
  }

  /**
   * @param gitBaseUrl the Git host as the Environment's Flux reaches it, e.g. {@code http://provisioning:8083/git}
   * @param dependsOn  the Applications this one waits for (its Blueprint's dependencies), in the same Environment
   */
  public static String manifest(EnvironmentName environment, String application, String gitBaseUrl,
      List<String> dependsOn) {
    String org = environment.organization();
    String deps = dependsOn.isEmpty() ? "" : "  dependsOn:\n" + dependsOn.stream()
        .map(d -> "    - name: " + d + "\n").reduce("", String::concat);
    return """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata:
          name: %1$s
          namespace: flux-system
          labels:
            openova.io/organization: %2$s
            openova.io/environment: %3$s
            openova.io/application: %1$s
        spec:
          interval: 1m
          url: %4$s/%2$s/%1$s.git
          ref:
            branch: %5$s
          secretRef:
            name: catalyst-git
        ---
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: %1$s
          namespace: flux-system
          labels:
            openova.io/organization: %2$s
            openova.io/environment: %3$s
            openova.io/application: %1$s
        spec:
          interval: 5m
          path: ./overlays/%6$s
          prune: true
          wait: true
          targetNamespace: %1$s
          sourceRef:
            kind: GitRepository
            name: %1$s
        %7$s""".formatted(application, org, environment, gitBaseUrl, environment.type().branch(),
        environment.type().code(), deps);
  }

  /**
   * The manifest with its {@code Kustomization} suspended ({@code spec.suspend: true}: Flux stops applying the
   * Application, what runs stays) or resumed (the field removed). The {@code GitRepository} keeps fetching.
   */
  public static String suspended(String manifest, boolean suspend) {
    StringBuilder out = new StringBuilder();
    boolean inKustomization = false;
    for (String line : manifest.split("\n", -1)) {
      if (line.startsWith("kind: ")) {
        inKustomization = line.equals("kind: Kustomization");
      }
      if (inKustomization && line.equals("  suspend: true")) {
        continue;
      }
      out.append(line).append('\n');
      if (inKustomization && suspend && line.equals("spec:")) {
        out.append("  suspend: true\n");
      }
    }
    return out.substring(0, out.length() - 1);
  }

  /** Whether the manifest's {@code Kustomization} is suspended. */
  public static boolean isSuspended(String manifest) {
    boolean inKustomization = false;
    for (String line : manifest.split("\n")) {
      if (line.startsWith("kind: ")) {
        inKustomization = line.equals("kind: Kustomization");
      }
      if (inKustomization && line.equals("  suspend: true")) {
        return true;
      }
    }
    return false;
  }

  private ApplicationSources() {}
}
