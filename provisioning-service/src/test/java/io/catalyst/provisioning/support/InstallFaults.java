package io.catalyst.provisioning.support;

import io.catalyst.provisioning.install.InstallStep;
import io.catalyst.provisioning.install.InstallStepHook;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A test-only {@link InstallStepHook}: armed, it makes the next install fail at a step of a kind ({@link #fail}: a
 * runtime failure the saga compensates) or dies there ({@link #crash}: an {@link Error}, as if the process had
 * stopped; nothing is compensated and the next attempt must finish).
 */
public class InstallFaults implements InstallStepHook {

  /** Registers the injector in the integration tests' context. */
  @org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
  public static class Configuration {
    @org.springframework.context.annotation.Bean
    InstallFaults installFaults() {
      return new InstallFaults();
    }
  }

  /** Stands for the process dying in the middle of an install. */
  public static class SimulatedCrash extends Error {
    SimulatedCrash(String message) {
      super(message);
    }
  }

  private record Fault(InstallStep.Kind kind, int occurrence, boolean crash) {}

  private final AtomicReference<Fault> armed = new AtomicReference<>();
  private final java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();

  /** The {@code occurrence}-th step of {@code kind} (1-based) throws a runtime failure. */
  public void fail(InstallStep.Kind kind, int occurrence) {
    seen.set(0);
    armed.set(new Fault(kind, occurrence, false));
  }

  public void crash(InstallStep.Kind kind, int occurrence) {
    seen.set(0);
    armed.set(new Fault(kind, occurrence, true));
  }

  public void disarm() {
    armed.set(null);
  }

  @Override
  public void before(UUID install, InstallStep step) {
    Fault fault = armed.get();
    if (fault == null || fault.kind() != step.kind() || seen.incrementAndGet() != fault.occurrence()) {
      return;
    }
    armed.set(null);
    if (fault.crash()) {
      throw new SimulatedCrash("Simulated crash before step " + step.position() + " of install " + install);
    }
    throw new IllegalStateException("Injected failure before step " + step.position() + " (" + step.describe() + ")");
  }
}
