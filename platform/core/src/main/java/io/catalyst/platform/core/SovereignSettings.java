package io.catalyst.platform.core;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.ZoneId;
import java.util.Currency;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The one configuration block every process of a Sovereign reads ({@code catalyst.sovereign.*}). Locally it comes
 * from {@code config/sovereign.yaml}; in Kubernetes from the {@code catalyst-sovereign} ConfigMap.
 *
 * @param name      the Sovereign's slug, e.g. {@code omantel}
 * @param publicUrl where users reach the Sovereign (the gateway); also the token issuer
 * @param domain    the DNS domain Applications get hostnames under
 * @param currency  the one billing currency (ISO 4217)
 * @param timezone  the default timezone for change windows and billing periods
 * @param style     {@code sme} (form-first, Git hidden) or {@code corporate} (Git-first)
 */
@Validated
@ConfigurationProperties("catalyst.sovereign")
public record SovereignSettings(
    @NotBlank @Pattern(regexp = "^[a-z][a-z0-9-]{1,30}[a-z0-9]$") @DefaultValue("local") String name,
    @NotNull @DefaultValue("http://localhost:8080") URI publicUrl,
    @NotBlank @DefaultValue("catalyst.localhost") String domain,
    @NotNull @DefaultValue("OMR") Currency currency,
    @NotNull @DefaultValue("Asia/Muscat") ZoneId timezone,
    @NotNull @DefaultValue("sme") Style style) {

  /** How the console and defaults lean: form-first small businesses or Git-first corporate teams. */
  public enum Style {
    sme,
    corporate
  }

  /** The token issuer: the public URL without a trailing slash. */
  public String issuer() {
    String url = publicUrl.toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
