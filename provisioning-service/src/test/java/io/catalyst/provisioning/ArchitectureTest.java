package io.catalyst.provisioning;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.catalyst.platform.testkit.ServiceBoundaries;
import io.catalyst.platform.testkit.TableOwners;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The boundaries of the provisioning-service (docs/conventions.md, Boundaries): no cycles between features, no other
 * service's internals, only a table's store touches the table.
 */
class ArchitectureTest {

  static final JavaClasses CLASSES = ServiceBoundaries.classesOf("provisioning");

  /**
   * Cycles this service had when the rule came, to be untangled, never added to: none left (issue 13 §8 untangled
   * application <-> install, application <-> runtime and the three through environment).
   */
  static final Set<String> KNOWN_CYCLES = Set.of();

  @Test
  void featuresFormNoNewCycles() {
    ServiceBoundaries.assertNoCyclesBut("provisioning", CLASSES, KNOWN_CYCLES);
  }

  /** Table → the only class that issues SQL on it (one store per table). */
  static final Map<String, String> TABLE_OWNERS = Map.of(
      "application", "ApplicationStore",
      "application_pause", "PauseStore");

  @Test
  void onlyTheOwningStoreTouchesItsTable() {
    TableOwners.assertOnlyOwnersTouch(Path.of("src/main/java"), TABLE_OWNERS);
  }

  @Test
  void usesNoOtherServicesInternals() {
    ServiceBoundaries.onlyOtherServicesContracts("provisioning").allowEmptyShould(true).check(CLASSES);
  }
}
