package io.catalyst.provisioning.hostname;

import io.catalyst.platform.core.SovereignSettings;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import io.catalyst.provisioning.application.ApplicationStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Hostnames of Applications: {@code {app}.{env}.{sovereign-domain}} by default, or {@code {subdomain}.{sovereign-domain}}
 * when one was chosen in the wizard. A hostname belongs to one Application Sovereign-wide: the unique index on
 * {@code application.hostname} enforces it (an install that loses a race gets a 409), and an uninstall frees it with
 * the row. A subdomain chosen in an install plan is held for the plan's Organization for {@code reservation-ttl}
 * (10 minutes) so that applying the plan later cannot lose it to another Organization.
 */
@Service
public class Hostnames {

  /** The answer of the availability check. */
  public record Availability(String subdomain, String hostname, boolean available, String reason) {}

  private final JdbcClient jdbc;
  private final ApplicationStore applications;
  private final SovereignSettings sovereign;
  private final Clock clock;
  private final Duration reservationTtl;

  public Hostnames(JdbcClient jdbc, ApplicationStore applications, SovereignSettings sovereign, Clock clock,
      @Value("${catalyst.provisioning.hostnames.reservation-ttl:PT10M}") Duration reservationTtl) {
    this.jdbc = jdbc;
    this.applications = applications;
    this.sovereign = sovereign;
    this.clock = clock;
    this.reservationTtl = reservationTtl;
  }

  public String domain() {
    return sovereign.domain();
  }

  /** Whether {@code subdomain} is free for an Application of {@code organization} (its own reservations are). */
  public Availability availability(String subdomain, String organization) {
    String s = subdomain == null ? "" : subdomain.trim();
    String problem = Subdomain.problem(s);
    String hostname = problem == null ? Subdomain.hostname(s, domain()) : null;
    if (problem != null) {
      return new Availability(s, hostname, false, "'" + s + "' " + problem);
    }
    if (taken(hostname)) {
      return new Availability(s, hostname, false, hostname + " is taken by another Application");
    }
    if (heldByAnother(hostname, organization).isPresent()) {
      return new Availability(s, hostname, false, hostname + " is held for another install that is being "
          + "completed; it is free again if that install is not applied within minutes");
    }
    return new Availability(s, hostname, true, null);
  }

  /** When another Organization's active reservation holds {@code hostname}: until when. */
  public Optional<Instant> heldByAnother(String hostname, String organization) {
    return jdbc.sql("""
        select expires_at from hostname_reservation
         where hostname = :h and expires_at > :now and organization is distinct from :org""")
        .param("h", hostname).param("now", Timestamp.from(clock.instant())).param("org", organization)
        .query(Timestamp.class).optional().map(Timestamp::toInstant);
  }

  /**
   * Holds {@code hostnames} for {@code organization}'s install {@code install} for the reservation TTL (renewing its
   * own, taking over expired ones). Answers the hostnames another Organization holds, which were not reserved.
   */
  public List<String> reserve(Collection<String> hostnames, String organization, UUID install) {
    Instant now = clock.instant();
    List<String> held = new ArrayList<>();
    for (String hostname : hostnames) {
      int reserved = jdbc.sql("""
          insert into hostname_reservation (hostname, organization, install_id, expires_at)
          values (:h, :org, :install, :until)
          on conflict (hostname) do update
             set organization = excluded.organization, install_id = excluded.install_id,
                 expires_at = excluded.expires_at
           where hostname_reservation.expires_at <= :now
              or hostname_reservation.organization = excluded.organization""")
          .param("h", hostname).param("org", organization).param("install", install)
          .param("until", Timestamp.from(now.plus(reservationTtl))).param("now", Timestamp.from(now)).update();
      if (reserved == 0) {
        held.add(hostname);
      }
    }
    return held;
  }

  /** Drops the reservations of {@code install} (applied: its Applications hold the hostnames now). */
  public void release(UUID install) {
    jdbc.sql("delete from hostname_reservation where install_id = :id").param("id", install).update();
  }

  /** The hostnames of {@code hostnames} that were chosen subdomains ({@code {subdomain}.{sovereign-domain}}). */
  public List<String> chosen(Collection<String> hostnames) {
    String suffix = "." + domain();
    return hostnames.stream().filter(h -> h != null && h.endsWith(suffix)
        && h.substring(0, h.length() - suffix.length()).indexOf('.') < 0).toList();
  }

  public boolean taken(String hostname) {
    return applications.hostnameTaken(hostname);
  }
}
