package io.catalyst.provisioning.install;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the steps of an install in order, skipping those done by an earlier attempt, and on a failure compensates, in
 * reverse order, the step that failed (it may have half-happened) and every step done before it. No Spring, no I/O:
 * the {@link Actions} do the work and the {@link Journal} records progress, so the rules are unit-tested.
 *
 * <p>Only {@link RuntimeException}s are compensated. An {@link Error} (or the process dying) leaves the journal as it
 * is: the next attempt (same Idempotency-Key, or the resumer) finishes the install from where it stopped.
 */
public final class InstallSaga {

  /** Does and undoes steps. */
  public interface Actions {
    void run(InstallStep step);

    void compensate(InstallStep step);
  }

  /** Records each step's new status durably, before the saga goes on. */
  public interface Journal {
    void record(InstallStep step);
  }

  /**
   * @param failedAt    the step that failed, null when the install completed
   * @param compensated the steps undone, in the order they were undone
   * @param unresolved  compensations that failed themselves (left for an operator; the install is still marked
   *                    rolled back and they are reported)
   */
  public record Outcome(InstallStep failedAt, RuntimeException cause, List<InstallStep> compensated,
      List<InstallStep> unresolved) {

    public boolean completed() {
      return failedAt == null;
    }
  }

  private InstallSaga() {}

  /** The steps of an install of {@code applications} (in dependency order) into {@code environment}. */
  public static List<InstallStep> steps(String environment, List<String> applications) {
    return steps(environment, applications, java.util.Set.of());
  }

  /** The same, with an {@link InstallStep.Kind#SSO} step before the repository of each of {@code withSso}. */
  public static List<InstallStep> steps(String environment, List<String> applications,
      java.util.Set<String> withSso) {
    List<InstallStep> steps = new ArrayList<>();
    steps.add(new InstallStep(0, InstallStep.Kind.RESERVE, environment, InstallStep.Status.PENDING));
    for (String app : applications) {
      if (withSso.contains(app)) {
        steps.add(new InstallStep(steps.size(), InstallStep.Kind.SSO, app, InstallStep.Status.PENDING));
      }
      steps.add(new InstallStep(steps.size(), InstallStep.Kind.REPOSITORY, app, InstallStep.Status.PENDING));
    }
    steps.add(new InstallStep(steps.size(), InstallStep.Kind.GITOPS, environment, InstallStep.Status.PENDING));
    steps.add(new InstallStep(steps.size(), InstallStep.Kind.FINISH, environment, InstallStep.Status.PENDING));
    return steps;
  }

  /** The compensations owed when step {@code failed} fails: it and every done step before it, last first. */
  public static List<InstallStep> compensations(List<InstallStep> steps, InstallStep failed) {
    List<InstallStep> owed = new ArrayList<>();
    for (InstallStep step : steps) {
      if (step.position() == failed.position()
          || (step.position() < failed.position() && step.status() == InstallStep.Status.DONE)) {
        owed.addFirst(step);
      }
    }
    // FINISH is one transaction: when it fails nothing of it stays, so it owes no compensation of its own.
    owed.removeIf(s -> s.kind() == InstallStep.Kind.FINISH);
    return owed;
  }

  public static Outcome run(List<InstallStep> steps, Actions actions, Journal journal) {
    List<InstallStep> current = new ArrayList<>(steps);
    for (int i = 0; i < current.size(); i++) {
      InstallStep step = current.get(i);
      if (step.status() == InstallStep.Status.DONE) {
        continue;
      }
      if (step.status() != InstallStep.Status.PENDING) {
        throw new IllegalStateException("Install was rolled back already; step " + step.position() + " is "
            + step.status());
      }
      try {
        actions.run(step);
      } catch (RuntimeException e) {
        return compensate(current, step, e, actions, journal);
      }
      InstallStep done = step.with(InstallStep.Status.DONE);
      current.set(i, done);
      journal.record(done);
    }
    return new Outcome(null, null, List.of(), List.of());
  }

  private static Outcome compensate(List<InstallStep> steps, InstallStep failed, RuntimeException cause,
      Actions actions, Journal journal) {
    List<InstallStep> undone = new ArrayList<>();
    List<InstallStep> unresolved = new ArrayList<>();
    for (InstallStep step : compensations(steps, failed)) {
      try {
        actions.compensate(step);
        InstallStep compensated = step.with(InstallStep.Status.COMPENSATED);
        journal.record(compensated);
        undone.add(compensated);
      } catch (RuntimeException e) {
        cause.addSuppressed(e);
        InstallStep stuck = step.with(InstallStep.Status.COMPENSATION_FAILED);
        journal.record(stuck);
        unresolved.add(stuck);
      }
    }
    return new Outcome(failed, cause, undone, unresolved);
  }
}
