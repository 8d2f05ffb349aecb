package io.catalyst.audit;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.catalyst.platform.testkit.ServiceBoundaries;
import org.junit.jupiter.api.Test;

/** The boundaries of the audit-service (docs/conventions.md, Boundaries): no cycles between features, no other service's internals. */
class ArchitectureTest {

  static final JavaClasses CLASSES = ServiceBoundaries.classesOf("audit");

  @Test
  void featuresFormNoCycles() {
    ServiceBoundaries.featuresFormNoCycles("audit").allowEmptyShould(true).check(CLASSES);
  }

  @Test
  void usesNoOtherServicesInternals() {
    ServiceBoundaries.onlyOtherServicesContracts("audit").allowEmptyShould(true).check(CLASSES);
  }
}
