package io.catalyst.provisioning.install;

import io.catalyst.platform.core.ProblemTypes;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.catalyst.provisioning.organization.Environment;
import io.catalyst.provisioning.environment.EnvironmentName;
import io.catalyst.provisioning.organization.EnvironmentService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Installs: plan (one catalog resolve with validation and details, names, collisions, price; nothing written but the plan itself) and
 * apply (the {@link InstallSaga}: names reserved, one repository per Application, Flux objects in the Environment's
 * bootstrap, rows and events). Apply is idempotent per {@code Idempotency-Key} and per plan, and an attempt that
 * died is finished by the next one or by {@link #resumeInterrupted()}.
 */
@Service
public class InstallService {

  private static final Logger log = LoggerFactory.getLogger(InstallService.class);
  public static final java.net.URI ROLLED_BACK = ProblemTypes.of("install-rolled-back");

  /**
   * What a user asks to install. {@code choices}: dependency (alias path or Blueprint) → "new" or an Application.
   * {@code subdomain}: the requested Application's hostname becomes {@code {subdomain}.{sovereign-domain}};
   * {@code subdomains}: the same for other Applications of the install, by Application name or alias path.
   */
  public record InstallRequest(String blueprint, String version, String name, Map<String, Object> config,
      Map<String, String> choices, String team, String subdomain, Map<String, String> subdomains) {}

  /** An install as the API shows it. */
  public record InstallView(String id, String status, String failure, InstallPlan plan, List<InstallStep> steps,
      Instant createdAt, String createdBy) {}

  private final InstallStore installs;
  private final InstallPlanning planning;
  private final InstallExecution execution;
  private final Uninstall uninstaller;
  private final EnvironmentService environments;
  private final InstallProperties properties;
  private final Clock clock;
  private final JsonMapper canonical;

  public InstallService(InstallStore installs, InstallPlanning planning, InstallExecution execution,
      Uninstall uninstaller, EnvironmentService environments, InstallProperties properties, Clock clock,
      JsonMapper json) {
    this.installs = installs;
    this.planning = planning;
    this.execution = execution;
    this.uninstaller = uninstaller;
    this.environments = environments;
    this.properties = properties;
    this.clock = clock;
    this.canonical = json.rebuild().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
  }

  /** Plans an install; the plan is kept (and can be applied) for {@code plan-ttl}. */
  public InstallPlan plan(Caller caller, String environment, InstallRequest request) {
    Environment env = changeable(caller, environment);
    InstallPlan plan = planning.compute(caller, env, request);
    UUID id = UUID.randomUUID();
    planning.holdSubdomains(plan, id);
    store(id, plan, caller, null, hash(environment, request));
    return plan.withId(id.toString(), clock.instant().plus(properties.planTtl()));
  }

  /** Applies a plan made before. Applying it again answers the same install. */
  public InstallView apply(Caller caller, String environment, String planId, String idempotencyKey) {
    Environment env = changeable(caller, environment);
    UUID id = parseId(planId).orElseThrow(() -> ProblemException.notFound("Install plan " + planId));
    InstallStore.Row row = installs.find(id).filter(r -> r.environment().equals(env.name()))
        .orElseThrow(() -> ProblemException.notFound("Install plan " + planId));
    if (idempotencyKey != null && !idempotencyKey.isBlank()) {
      Optional<InstallStore.Row> keyed = installs.findByKey(env.organization(), idempotencyKey);
      if (keyed.isPresent() && !keyed.get().id().equals(id)) {
        throw keyReused(idempotencyKey);
      }
      if (keyed.isEmpty()) {
        try {
          installs.setKey(id, idempotencyKey);
        } catch (DuplicateKeyException e) {
          throw keyReused(idempotencyKey);
        }
      }
    }
    if ("Planned".equals(row.status()) && row.createdAt().plus(properties.planTtl()).isBefore(clock.instant())) {
      throw ProblemException.gone("Install plan " + planId + " expired; make a new plan (the catalog may have "
          + "changed since).");
    }
    return execution.execute(id, true);
  }

  /** Plans and applies in one call ({@code POST …/applications}). */
  public InstallView install(Caller caller, String environment, InstallRequest request, String idempotencyKey) {
    Environment env = changeable(caller, environment);
    String hash = hash(environment, request);
    boolean keyed = idempotencyKey != null && !idempotencyKey.isBlank();
    if (keyed) {
      Optional<InstallStore.Row> existing = installs.findByKey(env.organization(), idempotencyKey);
      if (existing.isPresent()) {
        if (!existing.get().requestHash().equals(hash)) {
          throw keyReused(idempotencyKey);
        }
        return execution.execute(existing.get().id(), true);
      }
    }
    InstallPlan plan = planning.compute(caller, env, request);
    UUID id = UUID.randomUUID();
    planning.holdSubdomains(plan, id);
    try {
      store(id, plan, caller, keyed ? idempotencyKey : null, hash);
    } catch (DuplicateKeyException e) { // the same key raced us: answer what that request does
      InstallStore.Row other = installs.findByKey(env.organization(), idempotencyKey).orElseThrow(() -> e);
      if (!other.requestHash().equals(hash)) {
        throw keyReused(idempotencyKey);
      }
      id = other.id();
    }
    return execution.execute(id, true);
  }

  public InstallView view(Caller caller, String environment, String id) {
    EnvironmentName name = visibleName(caller, environment);
    UUID uuid = parseId(id).orElseThrow(() -> ProblemException.notFound("Install " + id));
    InstallStore.Row row = installs.find(uuid).filter(r -> r.environment().equals(name.toString()))
        .orElseThrow(() -> ProblemException.notFound("Install " + id));
    return execution.view(row);
  }

  /** What an uninstall did. */
  public record Uninstalled(String application, String environment, String archivedAs) {}

  /**
   * Uninstalls an Application: its Flux objects leave the Environment's bootstrap, its repository is archived (moved
   * to {@code _archived}, never deleted), its rows go and {@code application.uninstalled.v1} is published. Refused
   * (409) while other Applications depend on it. Each part is idempotent, so a retry after a crash finishes it.
   */
  public Uninstalled uninstall(Caller caller, String environment, String application) {
    return uninstaller.uninstall(changeable(caller, environment), application, caller.subject());
  }

  /**
   * Finishes installs whose attempt died (status Applying, lease expired): at start and every
   * {@code resume-interval}.
   */
  public int resumeInterrupted() {
    return execution.resumeInterrupted();
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** The Environment, if the caller may install into it: 404 for another Organization's, 403 without the role. */
  private Environment changeable(Caller caller, String environment) {
    EnvironmentName name = visibleName(caller, environment);
    Environment env = environments.find(name.toString())
        .orElseThrow(() -> ProblemException.notFound("Environment " + environment));
    if (!caller.mayChange(name.organization(), env.name())) {
      throw ProblemException.forbidden("Installing into " + env.name() + " needs org-admin, or org-developer bound "
          + "to " + env.name() + "; ask an org-admin of your Organization.");
    }
    return env;
  }

  private static EnvironmentName visibleName(Caller caller, String environment) {
    EnvironmentName name = EnvironmentName.parse(environment)
        .orElseThrow(() -> ProblemException.notFound("Environment " + environment));
    caller.requireVisible(name.organization(), "Environment " + environment);
    return name;
  }

  private String hash(String environment, InstallRequest request) {
    try {
      byte[] body = canonical.writeValueAsBytes(Map.of("environment", environment, "request", request));
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ProblemException keyReused(String key) {
    return ProblemException.unprocessable("Idempotency-Key " + key + " was used for a different request. Send the "
        + "same request again to get its result, or use a new key for a new install.");
  }

  private void store(UUID id, InstallPlan plan, Caller caller, String key, String hash) {
    installs.insert(id, plan.withId(id.toString(), clock.instant().plus(properties.planTtl())), caller.subject(), key,
        hash, clock.instant());
  }

  private static Optional<UUID> parseId(String id) {
    try {
      return Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException | NullPointerException e) {
      return Optional.empty();
    }
  }
}
