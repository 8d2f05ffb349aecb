package io.catalyst.platform.testkit;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.List;

/**
 * The boundaries every service keeps (issue 13 §9), as ArchUnit rules a service's {@code ArchitectureTest} checks
 * against its production classes:
 * <ul>
 *   <li>its features (the packages right under {@code io.catalyst.<service>}) form no cycles;</li>
 *   <li>it depends on no other service's classes but that service's contract ({@code ..contract..} packages).</li>
 * </ul>
 * A service with cycles it has not untangled yet lists them ({@link #cycles}, {@link #assertNoCyclesBut}): any other
 * cycle fails, and a listed one that is gone is reported so the list shrinks.
 */
public final class ServiceBoundaries {

  /** The root package segments of every service of the mesh. */
  public static final List<String> SERVICES =
      List.of("gateway", "identity", "catalog", "provisioning", "promotion", "billing", "audit");

  private ServiceBoundaries() {}

  /** The production classes of {@code service} ({@code io.catalyst.<service>..}). */
  public static JavaClasses classesOf(String service) {
    return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages("io.catalyst." + service);
  }

  /** The features of {@code service} depend on each other without cycles. */
  public static ArchRule featuresFormNoCycles(String service) {
    return slices().matching("io.catalyst." + service + ".(*)..").namingSlices("feature $1")
        .should().beFreeOfCycles()
        .because("a feature is understood, tested and moved on its own only if nothing it uses uses it back");
  }

  /**
   * The cycles between {@code service}'s features, each as {@code a -> b -> a} (features in the order ArchUnit found
   * them).
   */
  public static java.util.Set<String> cycles(String service, JavaClasses classes) {
    java.util.Set<String> found = new java.util.TreeSet<>();
    for (String detail : featuresFormNoCycles(service).evaluate(classes).getFailureReport().getDetails()) {
      if (!detail.startsWith("Cycle detected:")) {
        continue;
      }
      List<String> features = new java.util.ArrayList<>();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("feature ([\\w$-]+)")
          .matcher(detail.substring(0, detail.contains("1. Dependencies") ? detail.indexOf("1. Dependencies")
              : detail.length()));
      while (m.find()) {
        features.add(m.group(1));
      }
      found.add(String.join(" -> ", features));
    }
    return found;
  }

  /**
   * Fails when {@code service}'s features form a cycle that is not one of {@code known} (cycles it had when this rule
   * came, to be untangled); prints the known ones that are gone.
   */
  public static void assertNoCyclesBut(String service, JavaClasses classes, java.util.Set<String> known) {
    java.util.Set<String> found = cycles(service, classes);
    java.util.Set<String> added = new java.util.TreeSet<>(found);
    added.removeAll(known);
    java.util.Set<String> gone = new java.util.TreeSet<>(known);
    gone.removeAll(found);
    if (!gone.isEmpty()) {
      System.out.println("Untangled (remove from the known cycles of " + service + "): " + gone);
    }
    if (!added.isEmpty()) {
      throw new AssertionError("New cycles between the features of " + service + " (" + added + "); untangle them. "
          + "Details:\n" + featuresFormNoCycles(service).evaluate(classes).getFailureReport());
    }
  }

  /** {@code service} uses nothing of another service but its contract. */
  public static ArchRule onlyOtherServicesContracts(String service) {
    List<ArchRule> rules = SERVICES.stream().filter(other -> !other.equals(service))
        .map(other -> (ArchRule) noClasses().that().resideInAPackage("io.catalyst." + service + "..")
            .should().dependOnClassesThat(resideInAPackage("io.catalyst." + other + "..")
                .and(not(resideInAPackage("..contract.."))))
            .because("services share contracts, never internals (ARCHITECTURE.md)"))
        .toList();
    return CompositeArchRule.of(rules);
  }
}
