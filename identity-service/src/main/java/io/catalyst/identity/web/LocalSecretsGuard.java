package io.catalyst.identity.web;

import io.catalyst.identity.IdentityProperties;
import io.catalyst.platform.core.SovereignSettings;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a Sovereign reachable beyond localhost with the local default secrets (key encryption, code
 * pepper, service client secret): those are public in this repository.
 */
@Component
class LocalSecretsGuard {

  LocalSecretsGuard(IdentityProperties properties, SovereignSettings sovereign) {
    String host = sovereign.publicUrl().getHost();
    if (host != null && (host.equals("localhost") || host.endsWith(".localhost") || host.equals("127.0.0.1"))) {
      return;
    }
    List<String> defaults = new ArrayList<>();
    if (properties.keys().encryptionSecret().startsWith("local-")) {
      defaults.add("CATALYST_IDENTITY_KEY_SECRET");
    }
    if (properties.otp().pepper().startsWith("local-")) {
      defaults.add("CATALYST_IDENTITY_OTP_PEPPER");
    }
    if (properties.clients().serviceSecret().startsWith("local-")) {
      defaults.add("CATALYST_SERVICE_SECRET");
    }
    if (!defaults.isEmpty()) {
      throw new IllegalStateException("The Sovereign at " + sovereign.publicUrl() + " uses local default secrets;"
          + " set " + String.join(", ", defaults));
    }
  }
}
