package io.catalyst.catalog;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.catalyst.platform.testkit.ServiceBoundaries;
import org.junit.jupiter.api.Test;

/** The boundaries of the catalog-service (docs/conventions.md, Boundaries): no cycles between features, no other service's internals. */
class ArchitectureTest {

  static final JavaClasses CLASSES = ServiceBoundaries.classesOf("catalog");

  @Test
  void featuresFormNoCycles() {
    ServiceBoundaries.featuresFormNoCycles("catalog").allowEmptyShould(true).check(CLASSES);
  }

  @Test
  void usesNoOtherServicesInternals() {
    ServiceBoundaries.onlyOtherServicesContracts("catalog").allowEmptyShould(true).check(CLASSES);
  }
}
