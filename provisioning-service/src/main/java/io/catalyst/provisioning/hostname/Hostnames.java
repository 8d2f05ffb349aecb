package io.catalyst.provisioning.hostname;

import io.catalyst.platform.core.SovereignSettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Hostnames of Applications: {@code {app}.{env}.{sovereign-domain}} by default, or {@code {subdomain}.{sovereign-domain}}
 * when one was chosen in the wizard. A hostname belongs to one Application Sovereign-wide: the unique index on
 * {@code application.hostname} enforces it (an install that loses a race gets a 409), and an uninstall frees it with
 * the row.
 */
@Service
public class Hostnames {

  /** The answer of the availability check. */
  public record Availability(String subdomain, String hostname, boolean available, String reason) {}

  private final JdbcClient jdbc;
  private final SovereignSettings sovereign;

  public Hostnames(JdbcClient jdbc, SovereignSettings sovereign) {
    this.jdbc = jdbc;
    this.sovereign = sovereign;
  }

  public String domain() {
    return sovereign.domain();
  }

  public Availability availability(String subdomain) {
    String s = subdomain == null ? "" : subdomain.trim();
    String problem = Subdomain.problem(s);
    String hostname = problem == null ? Subdomain.hostname(s, domain()) : null;
    if (problem != null) {
      return new Availability(s, hostname, false, "'" + s + "' " + problem);
    }
    if (taken(hostname)) {
      return new Availability(s, hostname, false, hostname + " is taken by another Application");
    }
    return new Availability(s, hostname, true, null);
  }

  public boolean taken(String hostname) {
    return jdbc.sql("select count(*) from application where hostname = :h").param("h", hostname)
        .query(Long.class).single() > 0;
  }
}
