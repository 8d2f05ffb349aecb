package io.catalyst.provisioning;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.catalyst.platform.testkit.ServiceBoundaries;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The boundaries of the provisioning-service (docs/conventions.md, Boundaries): no cycles between features, no other service's internals. */
class ArchitectureTest {

  static final JavaClasses CLASSES = ServiceBoundaries.classesOf("provisioning");

  /** Cycles this service had when the rule came; untangle them, never add one. */
  static final Set<String> KNOWN_CYCLES = Set.of(
      "application -> install -> application",
      "application -> runtime -> application",
      "environment -> githost -> environment",
      "environment -> gitops -> environment",
      "environment -> gitops -> githost -> environment");

  @Test
  void featuresFormNoNewCycles() {
    ServiceBoundaries.assertNoCyclesBut("provisioning", CLASSES, KNOWN_CYCLES);
  }

  @Test
  void usesNoOtherServicesInternals() {
    ServiceBoundaries.onlyOtherServicesContracts("provisioning").allowEmptyShould(true).check(CLASSES);
  }
}
