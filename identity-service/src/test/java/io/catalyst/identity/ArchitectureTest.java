package io.catalyst.identity;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.catalyst.platform.testkit.ServiceBoundaries;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The boundaries of the identity-service (docs/conventions.md, Boundaries): no cycles between features, no other service's internals. */
class ArchitectureTest {

  static final JavaClasses CLASSES = ServiceBoundaries.classesOf("identity");

  /** Cycles this service had when the rule came; untangle them, never add one. */
  static final Set<String> KNOWN_CYCLES = Set.of(
      "federation -> member -> signup -> token -> federation",
      "federation -> member -> signup -> verification -> token -> federation",
      "federation -> member -> token -> federation",
      "federation -> token -> federation",
      "login -> token -> login");

  @Test
  void featuresFormNoNewCycles() {
    ServiceBoundaries.assertNoCyclesBut("identity", CLASSES, KNOWN_CYCLES);
  }

  @Test
  void usesNoOtherServicesInternals() {
    ServiceBoundaries.onlyOtherServicesContracts("identity").allowEmptyShould(true).check(CLASSES);
  }
}
