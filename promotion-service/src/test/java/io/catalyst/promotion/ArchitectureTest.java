package io.catalyst.promotion;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.catalyst.platform.testkit.ServiceBoundaries;
import org.junit.jupiter.api.Test;

/** The boundaries of the promotion-service (docs/conventions.md, Boundaries): no cycles between features, no other service's internals. */
class ArchitectureTest {

  static final JavaClasses CLASSES = ServiceBoundaries.classesOf("promotion");

  @Test
  void featuresFormNoCycles() {
    ServiceBoundaries.featuresFormNoCycles("promotion").allowEmptyShould(true).check(CLASSES);
  }

  @Test
  void usesNoOtherServicesInternals() {
    ServiceBoundaries.onlyOtherServicesContracts("promotion").allowEmptyShould(true).check(CLASSES);
  }
}
