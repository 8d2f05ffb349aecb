package io.catalyst.provisioning.organization;

import io.catalyst.provisioning.environment.EnvironmentName;
import io.catalyst.provisioning.environment.EnvironmentType;

import io.catalyst.platform.core.Names;
import io.catalyst.platform.core.SovereignSettings;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.provisioning.contract.EnvironmentEvents;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import io.catalyst.provisioning.gitops.CatalystConfig;
import io.catalyst.provisioning.gitops.EnvironmentBootstrap;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, lists and deletes Environments. A new Environment is one row, one commit of its GitOps bootstrap to
 * {@code system/catalyst-config} and one {@code environment.created.v1} event, in one transaction: a failure
 * leaves no row and no event, and a retry rewrites the same bootstrap (no new commit). The Organization's
 * Application repositories get the Environment's branch ({@link EnvironmentAdded}).
 */
@Service
public class EnvironmentService {

  /** One page of Environments. */
  public record Page(List<Environment> items, int page, int size, long total) {}

  static final String READY = "Ready";
  private static final List<String> DEFAULT_REGIONS = List.of("primary");

  private final JdbcClient jdbc;
  private final CatalystConfig config;
  private final Outbox outbox;
  private final Clock clock;
  private final SovereignSettings sovereign;
  private final ApplicationEventPublisher events;

  public EnvironmentService(JdbcClient jdbc, CatalystConfig config, Outbox outbox, Clock clock,
      SovereignSettings sovereign, ApplicationEventPublisher events) {
    this.events = events;
    this.jdbc = jdbc;
    this.config = config;
    this.outbox = outbox;
    this.clock = clock;
    this.sovereign = sovereign;
  }

  /** Validates what a caller asks for: a real Organization name and one of the five types. */
  public static EnvironmentName name(String organization, String type) {
    Optional<EnvironmentType> t = EnvironmentType.ofCode(type == null ? "" : type);
    boolean orgOk = Names.isOrganization(organization);
    if (!orgOk || t.isEmpty()) {
      List<FieldProblem> errors = new java.util.ArrayList<>();
      if (!orgOk) {
        errors.add(FieldProblem.field("organization", "must be an Organization name (3-32 lower-case letters, digits, '-')"));
      }
      if (t.isEmpty()) {
        errors.add(FieldProblem.field("type", "must be one of prod, stg, uat, dev, poc"));
      }
      throw ProblemException.invalid("The Environment is {organization}-{type}; fix the fields below.", errors);
    }
    return EnvironmentName.of(organization, t.get());
  }

  @Transactional
  public Environment create(EnvironmentName name, List<String> regions, String actor) {
    return insert(name, regions, actor).orElseThrow(() -> ProblemException.conflict("Environment " + name
        + " exists already. An Organization has at most one Environment of each type.").with("environment",
        name.toString()));
  }

  /**
   * Makes sure the Organization's production Environment exists (on {@code organization.created}); a second
   * delivery or an Environment made by hand changes nothing.
   */
  @Transactional
  public Optional<Environment> ensureProduction(String organization, String actor) {
    return insert(EnvironmentName.of(organization, EnvironmentType.PROD), DEFAULT_REGIONS, actor);
  }

  private Optional<Environment> insert(EnvironmentName name, List<String> regions, String actor) {
    List<String> placement = regions == null || regions.isEmpty() ? DEFAULT_REGIONS : List.copyOf(regions);
    for (String region : placement) {
      if (!region.matches("^[a-z][a-z0-9-]{1,30}$")) {
        throw ProblemException.invalid("Unknown region " + region,
            List.of(FieldProblem.field("regions", "must be region codes such as fsn or primary")));
      }
    }
    Timestamp now = Timestamp.from(clock.instant());
    int inserted = jdbc.sql("""
        insert into environment (name, organization, type, status, regions, created_at, created_by)
        values (:name, :org, :type, :status, :regions, :now, :actor) on conflict do nothing""")
        .param("name", name.toString()).param("org", name.organization()).param("type", name.type().code())
        .param("status", READY).param("regions", String.join(",", placement)).param("now", now)
        .param("actor", actor).update();
    if (inserted == 0) {
      return Optional.empty();
    }
    String sha = config.write(EnvironmentBootstrap.files(name, sovereign.name(), placement), actor,
        "Environment " + name + ": bootstrap\n\nCreated by " + actor + ".").sha();
    jdbc.sql("update environment set bootstrap_sha = :sha where name = :name")
        .param("sha", sha).param("name", name.toString()).update();
    outbox.publish(CatalystEvent.of(ProvisioningEvents.ENVIRONMENT_CREATED, "environments/" + name, name.organization(),
            new EnvironmentEvents.Created(name.toString(), name.organization(), name.type().code(),
                name.type().branch(), placement, sha, actor))
        .inEnvironment(name.toString()).by(actor));
    // The Organization's Application repositories get this Environment's branch (before and after the commit).
    events.publishEvent(new EnvironmentAdded(name, actor));
    return find(name.toString());
  }

  public Optional<Environment> find(String name) {
    return jdbc.sql("select * from environment where name = :name").param("name", name)
        .query(EnvironmentService::map).optional();
  }

  /** The Environments of {@code organization} (all of them when null), by name. */
  public Page list(String organization, int page, int size) {
    String where = organization == null ? "" : " where organization = :org";
    var items = jdbc.sql("select * from environment" + where + " order by name limit :limit offset :offset")
        .param("limit", size).param("offset", (long) page * size);
    var count = jdbc.sql("select count(*) from environment" + where);
    if (organization != null) {
      items = items.param("org", organization);
      count = count.param("org", organization);
    }
    return new Page(items.query(EnvironmentService::map).list(), page, size, count.query(Long.class).single());
  }

  /**
   * Deletes the Environment. While Applications are installed in it this is refused, unless {@code force} and
   * {@code confirm} repeats the Environment's name.
   */
  @Transactional
  public void delete(Environment environment, boolean force, String confirm, String actor) {
    List<String> applications = jdbc.sql(
            "select application from application_installation where environment = :env order by application")
        .param("env", environment.name()).query(String.class).list();
    boolean forced = false;
    if (!applications.isEmpty()) {
      if (!force || !environment.name().equals(confirm)) {
        throw ProblemException.conflict("Environment " + environment.name() + " still has Applications installed: "
                + String.join(", ", applications) + ". Uninstall them first, or delete it with all of them with "
                + "?force=true&confirm=" + environment.name() + ".")
            .with("applications", applications);
      }
      forced = true;
    }
    int deleted = jdbc.sql("delete from environment where name = :name").param("name", environment.name()).update();
    if (deleted == 0) {
      throw ProblemException.notFound("Environment " + environment.name());
    }
    EnvironmentName name = EnvironmentName.parse(environment.name()).orElseThrow();
    config.remove(EnvironmentBootstrap.folder(name), actor, "Environment " + name + ": remove"
        + (forced ? " (forced, with " + String.join(", ", applications) + ")" : "") + "\n\nDeleted by " + actor + ".");
    outbox.publish(CatalystEvent.of(ProvisioningEvents.ENVIRONMENT_DELETED, "environments/" + name, name.organization(),
            new EnvironmentEvents.Deleted(name.toString(), name.organization(), name.type().code(), forced,
                applications, actor))
        .inEnvironment(name.toString()).by(actor));
  }

  private static Environment map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    EnvironmentType type = EnvironmentType.ofCode(rs.getString("type")).orElseThrow();
    return new Environment(rs.getString("name"), rs.getString("organization"), type.code(), type.branch(),
        rs.getString("status"), Arrays.asList(rs.getString("regions").split(",")),
        rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"), rs.getString("bootstrap_sha"));
  }
}
