package io.catalyst.billing;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.catalyst.platform.testkit.ServiceBoundaries;
import org.junit.jupiter.api.Test;

/** The boundaries of the billing-service (docs/conventions.md, Boundaries): no cycles between features, no other service's internals. */
class ArchitectureTest {

  static final JavaClasses CLASSES = ServiceBoundaries.classesOf("billing");

  @Test
  void featuresFormNoCycles() {
    ServiceBoundaries.featuresFormNoCycles("billing").allowEmptyShould(true).check(CLASSES);
  }

  @Test
  void usesNoOtherServicesInternals() {
    ServiceBoundaries.onlyOtherServicesContracts("billing").allowEmptyShould(true).check(CLASSES);
  }
}
