package io.catalyst.provisioning.runtime;

import io.catalyst.platform.events.Outbox;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code catalyst.provisioning.runtime=kubernetes}: the {@link KubernetesRuntime} reads Flux Kustomization status
 * ({@code catalyst.provisioning.kubernetes.*}; defaults for a pod of the cluster that runs Flux).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "catalyst.provisioning.runtime", havingValue = "kubernetes")
class KubernetesRuntimeConfiguration {

  @Bean(initMethod = "start", destroyMethod = "close")
  KubernetesRuntime kubernetesRuntime(Outbox outbox, TransactionTemplate tx, Clock clock,
      @Value("${catalyst.provisioning.kubernetes.api-url:https://${KUBERNETES_SERVICE_HOST:kubernetes.default.svc}:${KUBERNETES_SERVICE_PORT:443}}") URI apiUrl,
      @Value("${catalyst.provisioning.kubernetes.token-file:/var/run/secrets/kubernetes.io/serviceaccount/token}") Path tokenFile,
      @Value("${catalyst.provisioning.kubernetes.ca-file:/var/run/secrets/kubernetes.io/serviceaccount/ca.crt}") Path caFile,
      @Value("${catalyst.provisioning.kubernetes.namespaces:flux-system}") List<String> namespaces,
      @Value("${catalyst.provisioning.kubernetes.label-selector:openova.io/application}") String labelSelector,
      @Value("${catalyst.provisioning.kubernetes.poll-interval:PT10S}") Duration pollInterval) {
    return new KubernetesRuntime(KubernetesRuntime.inCluster(apiUrl, tokenFile, caFile, namespaces, labelSelector,
        pollInterval), outbox, tx, clock);
  }
}
