package io.catalyst.provisioning.gitops;

import io.catalyst.provisioning.environment.EnvironmentName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GitOps bootstrap of one Environment, written to {@code system/catalyst-config} at
 * {@code environments/{env}/}: the host namespace and virtual cluster that realise it (a Flux {@code HelmRelease} of
 * the vcluster chart), the Catalyst {@code Environment} record, and the kustomization tying them together. The Flux
 * {@code GitRepository} and {@code Kustomization} of each Application come with installs
 * ({@link ApplicationSources}) under {@code environments/{env}/applications/}.
 */
public final class EnvironmentBootstrap {

  /** Where an Environment's bootstrap lives in {@code system/catalyst-config}. */
  public static String folder(EnvironmentName environment) {
    return "environments/" + environment + "/";
  }

  /**
   * The files of the bootstrap, by path inside {@code system/catalyst-config}.
   *
   * @param sovereign the Sovereign's name (labels)
   * @param regions   the regions of the Environment's Placement (single region by default)
   */
  public static Map<String, String> files(EnvironmentName environment, String sovereign, List<String> regions) {
    String org = environment.organization();
    String env = environment.toString();
    String type = environment.type().code();
    String labels = """
          labels:
            app.kubernetes.io/managed-by: catalyst
            openova.io/sovereign: %s
            openova.io/organization: %s
            openova.io/environment: %s
            openova.io/env-type: %s
        """.formatted(sovereign, org, env, type);
    Map<String, String> files = new LinkedHashMap<>();
    String folder = folder(environment);
    files.put(folder + "kustomization.yaml", """
        # Bootstrap of Environment %s, written by provisioning-service. Applications are added under applications/.
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
          - environment.yaml
          - namespace.yaml
          - vcluster.yaml
        """.formatted(env));
    files.put(folder + "environment.yaml", """
        apiVersion: catalyst.openova.io/v1alpha1
        kind: Environment
        metadata:
          name: %s
        %sspec:
          organization: %s
          envType: %s
          branch: %s
          placement:
            mode: %s
            regions:
        %s""".formatted(env, labels, org, type, environment.type().branch(),
        regions.size() > 1 ? "multi-region" : "single-region",
        regions.stream().map(r -> "      - " + r + "\n").reduce("", String::concat)));
    files.put(folder + "namespace.yaml", """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: %s
        %s""".formatted(org, labels));
    files.put(folder + "vcluster.yaml", """
        # The Organization's virtual cluster on the %s host clusters; Flux inside it applies the '%s' branch.
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: %s
          namespace: %s
        %sspec:
          interval: 10m
          chart:
            spec:
              chart: vcluster
              version: "0.33.x"
              sourceRef:
                kind: HelmRepository
                name: loft
                namespace: flux-system
          values:
            controlPlane:
              distro:
                k8s:
                  enabled: true
              backingStore:
                etcd:
                  embedded:
                    enabled: true
            sync:
              toHost:
                ingresses:
                  enabled: true
            exportKubeConfig:
              secret:
                name: vc-%s
        """.formatted(type, environment.type().branch(), org, org, labels, org));
    return files;
  }

  private EnvironmentBootstrap() {}
}
