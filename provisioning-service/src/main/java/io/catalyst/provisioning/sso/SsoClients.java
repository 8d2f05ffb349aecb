package io.catalyst.provisioning.sso;

import io.catalyst.identity.contract.IdentityApi;
import io.catalyst.platform.web.client.DependencyRefusal;
import io.catalyst.provisioning.identity.IdentityClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Single sign-on of installed Applications: an Application whose values enable SSO (the Blueprint's configSchema
 * declares {@code sso: {enabled, realm}}, as {@code bp-gitea} does, and the install's config or a bundle turns it on)
 * gets an OIDC client from identity-service during the install (step {@code SSO}); its repository then carries
 * {@code secrets/sso.yaml}, an {@code ExternalSecret} of the client's {@code secretRef} (never the secret), and its
 * values the issuer and client id. The client is removed when the install is rolled back or the Application is
 * uninstalled.
 */
@Service
public class SsoClients {

  private static final Logger log = LoggerFactory.getLogger(SsoClients.class);

  private final IdentityClient identity;

  public SsoClients(IdentityClient identity) {
    this.identity = identity;
  }

  /** Whether an Application's values turn single sign-on on ({@code sso.enabled: true}, nested or flat). */
  public static boolean wants(Map<String, Object> values) {
    if (values == null) {
      return false;
    }
    Object enabled = values.get("sso") instanceof Map<?, ?> sso ? sso.get("enabled") : values.get("sso.enabled");
    return Boolean.TRUE.equals(enabled) || "true".equals(String.valueOf(enabled));
  }

  /** The redirect URI: {@code https://{hostname}{sso.redirectPath}} (default {@code /oauth2/callback}). */
  public static List<String> redirectUris(String hostname, Map<String, Object> values) {
    Object path = values != null && values.get("sso") instanceof Map<?, ?> sso ? sso.get("redirectPath") : null;
    String p = path == null || String.valueOf(path).isBlank() ? "/oauth2/callback" : String.valueOf(path);
    return List.of("https://" + hostname + (p.startsWith("/") ? p : "/" + p));
  }

  /** Registers (or brings up to date) the Application's client; idempotent. */
  public IdentityApi.SsoClient register(String organization, String environment, String application,
      String hostname, Map<String, Object> values) {
    return identity.registerSsoClient(organization, application, new IdentityApi.SsoRegistration(environment,
        redirectUris(hostname, values), application));
  }

  /** Removes the Application's client; one that does not exist is fine. */
  public void remove(String organization, String application, String environment) {
    try {
      identity.removeSsoClient(organization, application, environment);
    } catch (RuntimeException e) { // the circuit breaker wraps the client's exception
      for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
        if (t instanceof DependencyRefusal refusal && refusal.status() == 404) {
          log.debug("No SSO client of {}/{} in {} to remove", organization, application, environment);
          return;
        }
      }
      throw e;
    }
  }

  /** {@code secrets/sso.yaml}: the client secret comes from the secret store through {@code secretRef}. */
  public static String externalSecret(String application, IdentityApi.SsoClient client) {
    return """
        # The OIDC client of %1$s at identity-service (client %2$s). Only a reference: the secret store resolves
        # %3$s; the secret itself is never in Git.
        apiVersion: external-secrets.io/v1
        kind: ExternalSecret
        metadata:
          name: %1$s-sso
        spec:
          refreshInterval: 1h
          secretStoreRef:
            kind: ClusterSecretStore
            name: catalyst-identity
          target:
            name: %1$s-sso
          data:
            - secretKey: clientSecret
              remoteRef:
                key: %3$s
                property: clientSecret
        """.formatted(application, client.clientId(), client.secretRef());
  }

  /** The values with the client's public coordinates: {@code sso.issuer}, {@code sso.clientId}, the secret's name. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> values(String application, Map<String, Object> values,
      IdentityApi.SsoClient client) {
    Map<String, Object> out = new LinkedHashMap<>(values == null ? Map.of() : values);
    Map<String, Object> sso = new LinkedHashMap<>(out.get("sso") instanceof Map<?, ?> m
        ? (Map<String, Object>) m : Map.of());
    out.remove("sso.enabled");
    sso.put("enabled", true);
    sso.put("issuer", client.issuer());
    sso.put("clientId", client.clientId());
    sso.put("scopes", client.scopes());
    sso.put("existingSecret", application + "-sso");
    out.put("sso", sso);
    return out;
  }
}
