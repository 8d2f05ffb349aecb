package io.catalyst.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.catalyst.platform.testkit.ServiceBoundaries;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The boundaries of the gateway (docs/conventions.md, Boundaries): no cycles between features, no other service's internals. */
class ArchitectureTest {

  static final JavaClasses CLASSES = ServiceBoundaries.classesOf("gateway");

  /** Cycles this service had when the rule came; untangle them, never add one. */
  static final Set<String> KNOWN_CYCLES = Set.of(
      "resilience -> routing -> resilience");

  @Test
  void featuresFormNoNewCycles() {
    ServiceBoundaries.assertNoCyclesBut("gateway", CLASSES, KNOWN_CYCLES);
  }

  @Test
  void usesNoOtherServicesInternals() {
    ServiceBoundaries.onlyOtherServicesContracts("gateway").allowEmptyShould(true).check(CLASSES);
  }
}
