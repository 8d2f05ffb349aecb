package io.catalyst.provisioning.application;

import io.catalyst.platform.web.security.Caller;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * What an Application's owners do to it besides configuring: upgrade its Blueprint version (a commit on
 * {@code develop}), pause and resume it (Flux {@code Kustomization.spec.suspend} in the Environment's bootstrap, the
 * card {@code Paused}), and transfer its ownership (a {@code CODEOWNERS} commit on every Environment branch).
 */
@Service
public class ApplicationOperations {

  /** The answer of an upgrade (or its dry run: nothing committed, {@code sha} null). */
  public record Upgrade(String application, String branch, String fromVersion, String toVersion, boolean downgrade,
      boolean forced, boolean dryRun, boolean changed, String sha, String previousSha,
      List<Applications.FileDiff> files, List<Applications.ValueChange> values, String committer) {}

  /** The answer of a pause or resume. */
  public record Pause(String application, String environment, boolean paused, boolean changed, String status,
      String bootstrapSha) {}

  /** The answer of a transfer of ownership: the commit per Environment branch. */
  public record Ownership(String application, String team, String previousTeam, Map<String, String> commits,
      boolean changed, String owner) {}

  private final Upgrades upgrades;
  private final Pausing pausing;
  private final OwnershipTransfer ownership;

  public ApplicationOperations(Upgrades upgrades, Pausing pausing, OwnershipTransfer ownership) {
    this.upgrades = upgrades;
    this.pausing = pausing;
    this.ownership = ownership;
  }

  /**
   * Moves the lowest Environment branch ({@code develop}, or {@code main} for an Organization with only production;
   * {@link Upgrades#upgradeTarget}) to another version of the Application's Blueprint: {@code blueprint.lock.yaml},
   * {@code release.yaml} (the chart version), {@code kustomization.yaml} (the version label) and {@code values.yaml}
   * (the new version's defaults where the old defaults were, the user's own values kept). The catalog checks the
   * version exists (404), the values against its configSchema (400) and that it resolves (422); a downgrade needs
   * {@code force}. From there the change reaches the other Environments through promotions.
   */
  public Upgrade upgrade(Caller caller, String environment, String application, String version, boolean force,
      boolean dryRun, String expectedHead, String message) {
    return upgrades.upgrade(caller, environment, application, version, force, dryRun, expectedHead, message);
  }

  /**
   * Suspends the Application's Flux {@code Kustomization} in the Environment's bootstrap ({@code spec.suspend:
   * true}) and shows the card as {@code Paused}; the state it had is kept for {@link #resume}. Idempotent.
   */
  public Pause pause(Caller caller, String environment, String application) {
    return pausing.pause(caller, environment, application);
  }

  /** Lifts the suspension; the card returns to the state the runtime last reported before the pause. */
  public Pause resume(Caller caller, String environment, String application) {
    return pausing.resume(caller, environment, application);
  }

  /**
   * Makes {@code team} (which must exist in identity-service) the owner: the {@code CODEOWNERS} of every Environment
   * branch names {@code @{org}/{team}} where it named the previous owning team, and in the catch-all rule. org-admin
   * only: the commit lands on every branch, production's included.
   */
  public Ownership transfer(Caller caller, String environment, String application, String team) {
    return ownership.transfer(caller, environment, application, team);
  }
}
