package io.catalyst.provisioning.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The install saga's rules, without infrastructure: given step N fails, these compensations, in this order. */
class InstallSagaTest {

  private static final List<String> APPS = List.of("shop-db", "shop-cache", "shop");

  /** Records what was done and undone; fails (or dies) at a chosen step. */
  static final class Script implements InstallSaga.Actions, InstallSaga.Journal {
    final List<String> log = new ArrayList<>();
    final List<InstallStep> journal = new ArrayList<>();
    Integer failAt;
    Integer dieAt;
    Set<Integer> compensationFails = Set.of();

    @Override
    public void run(InstallStep step) {
      if (dieAt != null && step.position() == dieAt) {
        throw new OutOfMemoryError("process died");
      }
      if (failAt != null && step.position() == failAt) {
        throw new IllegalStateException("disk full");
      }
      log.add("run " + name(step));
    }

    @Override
    public void compensate(InstallStep step) {
      if (compensationFails.contains(step.position())) {
        throw new IllegalStateException("cannot undo " + name(step));
      }
      log.add("undo " + name(step));
    }

    @Override
    public void record(InstallStep step) {
      journal.add(step);
    }

    static String name(InstallStep step) {
      return step.kind() + (step.kind() == InstallStep.Kind.REPOSITORY ? ":" + step.target() : "");
    }
  }

  @Test
  void theStepsReserveThenOneRepositoryPerApplicationInDependencyOrderThenGitOpsThenFinish() {
    assertThat(InstallSaga.steps("acme-prod", APPS)).extracting(Script::name).containsExactly(
        "RESERVE", "REPOSITORY:shop-db", "REPOSITORY:shop-cache", "REPOSITORY:shop", "GITOPS", "FINISH");
  }

  @Test
  void anApplicationWithSingleSignOnGetsItsClientRightBeforeItsRepositoryAndLosesItOnAFailure() {
    List<InstallStep> steps = InstallSaga.steps("acme-prod", APPS, Set.of("shop"));
    assertThat(steps).extracting(s -> s.kind() + ":" + s.target()).containsExactly("RESERVE:acme-prod",
        "REPOSITORY:shop-db", "REPOSITORY:shop-cache", "SSO:shop", "REPOSITORY:shop", "GITOPS:acme-prod",
        "FINISH:acme-prod");
    Script script = new Script();
    script.failAt = 4; // the repository of shop
    InstallSaga.Outcome outcome = InstallSaga.run(steps, script, script);
    assertThat(outcome.failedAt().kind()).isEqualTo(InstallStep.Kind.REPOSITORY);
    assertThat(script.log).containsExactly("run RESERVE", "run REPOSITORY:shop-db", "run REPOSITORY:shop-cache",
        "run SSO", "undo REPOSITORY:shop", "undo SSO", "undo REPOSITORY:shop-cache", "undo REPOSITORY:shop-db",
        "undo RESERVE");
  }

  @Test
  void allStepsRunWhenNothingFails() {
    Script script = new Script();
    InstallSaga.Outcome outcome = InstallSaga.run(InstallSaga.steps("acme-prod", APPS), script, script);
    assertThat(outcome.completed()).isTrue();
    assertThat(script.log).containsExactly("run RESERVE", "run REPOSITORY:shop-db", "run REPOSITORY:shop-cache",
        "run REPOSITORY:shop", "run GITOPS", "run FINISH");
    assertThat(script.journal).allMatch(s -> s.status() == InstallStep.Status.DONE).hasSize(6);
  }

  @Test
  void whenTheFirstStepFailsOnlyItIsUndone() {
    Script script = new Script();
    script.failAt = 0;
    InstallSaga.Outcome outcome = InstallSaga.run(InstallSaga.steps("acme-prod", APPS), script, script);
    assertThat(outcome.completed()).isFalse();
    assertThat(outcome.failedAt().kind()).isEqualTo(InstallStep.Kind.RESERVE);
    assertThat(script.log).containsExactly("undo RESERVE");
  }

  @Test
  void whenARepositoryFailsItAndEverythingBeforeItAreUndoneLastFirst() {
    Script script = new Script();
    script.failAt = 2; // the second repository: it may exist half-made
    InstallSaga.Outcome outcome = InstallSaga.run(InstallSaga.steps("acme-prod", APPS), script, script);
    assertThat(script.log).containsExactly("run RESERVE", "run REPOSITORY:shop-db",
        "undo REPOSITORY:shop-cache", "undo REPOSITORY:shop-db", "undo RESERVE");
    assertThat(outcome.compensated()).extracting(InstallStep::status).containsOnly(InstallStep.Status.COMPENSATED);
    assertThat(outcome.cause()).hasMessage("disk full");
  }

  @Test
  void whenGitOpsFailsEveryRepositoryIsArchivedAndTheNamesReleased() {
    Script script = new Script();
    script.failAt = 4;
    InstallSaga.run(InstallSaga.steps("acme-prod", APPS), script, script);
    assertThat(script.log.subList(4, script.log.size())).containsExactly("undo GITOPS", "undo REPOSITORY:shop",
        "undo REPOSITORY:shop-cache", "undo REPOSITORY:shop-db", "undo RESERVE");
  }

  @Test
  void whenFinishFailsItsTransactionLeftNothingSoOnlyTheStepsBeforeItAreUndone() {
    Script script = new Script();
    script.failAt = 5;
    InstallSaga.run(InstallSaga.steps("acme-prod", APPS), script, script);
    assertThat(script.log.subList(5, script.log.size())).containsExactly("undo GITOPS", "undo REPOSITORY:shop",
        "undo REPOSITORY:shop-cache", "undo REPOSITORY:shop-db", "undo RESERVE");
  }

  @Test
  void aCompensationThatFailsIsReportedAndTheOthersStillRun() {
    Script script = new Script();
    script.failAt = 4;
    script.compensationFails = Set.of(2);
    InstallSaga.Outcome outcome = InstallSaga.run(InstallSaga.steps("acme-prod", APPS), script, script);
    assertThat(outcome.unresolved()).extracting(Script::name).containsExactly("REPOSITORY:shop-cache");
    assertThat(outcome.unresolved().getFirst().status()).isEqualTo(InstallStep.Status.COMPENSATION_FAILED);
    assertThat(script.log).contains("undo REPOSITORY:shop-db", "undo RESERVE");
    assertThat(outcome.cause().getSuppressed()).hasSize(1);
  }

  @Test
  void aDeathIsNotCompensatedAndTheNextAttemptFinishesFromWhereItStopped() {
    Script first = new Script();
    first.dieAt = 3;
    List<InstallStep> steps = InstallSaga.steps("acme-prod", APPS);
    assertThatThrownBy(() -> InstallSaga.run(steps, first, first)).isInstanceOf(OutOfMemoryError.class);
    assertThat(first.log).noneMatch(l -> l.startsWith("undo"));

    // What the journal holds after the crash: the steps done so far.
    List<InstallStep> resumed = new ArrayList<>(steps);
    first.journal.forEach(s -> resumed.set(s.position(), s));
    Script second = new Script();
    InstallSaga.Outcome outcome = InstallSaga.run(resumed, second, second);
    assertThat(outcome.completed()).isTrue();
    assertThat(second.log).containsExactly("run REPOSITORY:shop", "run GITOPS", "run FINISH");
  }

  @Test
  void compensationsAreTheFailedStepAndTheDoneStepsBeforeItReversed() {
    List<InstallStep> steps = new ArrayList<>(InstallSaga.steps("acme-prod", APPS));
    steps.set(0, steps.get(0).with(InstallStep.Status.DONE));
    steps.set(1, steps.get(1).with(InstallStep.Status.DONE));
    assertThat(InstallSaga.compensations(steps, steps.get(2))).extracting(InstallStep::position)
        .containsExactly(2, 1, 0);
    assertThat(InstallSaga.compensations(steps, steps.get(5))).extracting(InstallStep::position)
        .containsExactly(1, 0);
  }
}
