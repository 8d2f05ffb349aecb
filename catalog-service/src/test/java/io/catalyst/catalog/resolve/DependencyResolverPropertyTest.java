package io.catalyst.catalog.resolve;

import static io.catalyst.catalog.resolve.TestCatalog.dep;
import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.platform.core.semver.Version;
import io.catalyst.platform.core.semver.VersionRange;
import io.catalyst.catalog.resolve.Resolution.Problem;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import tools.jackson.databind.node.JsonNodeFactory;

/** Resolution picks the highest version inside every range, or explains why there is none. */
class DependencyResolverPropertyTest {

  @Provide
  Arbitrary<String> versions() {
    Arbitrary<Integer> n = Arbitraries.integers().between(0, 3);
    return Combinators.combine(n, n, n).as((a, b, c) -> a + "." + b + "." + c);
  }

  @Provide
  Arbitrary<String> ranges() {
    return Combinators.combine(Arbitraries.of("^", "~", ">=", "<", ""), versions(), Arbitraries.of(true, false))
        .as((op, v, partial) -> {
          String base = partial && op.isEmpty() ? v.substring(0, v.lastIndexOf('.')) + ".x" : v;
          return op + base;
        });
  }

  @Property(tries = 300)
  void picksTheHighestVersionInsideEveryRange(@ForAll @Size(min = 1, max = 8) Set<@net.jqwik.api.From("versions") String> published,
      @ForAll("ranges") String first, @ForAll("ranges") String second) {
    TestCatalog catalog = new TestCatalog()
        .add("bp-a", "1.0.0", dep("bp-shared", first))
        .add("bp-b", "1.0.0", dep("bp-shared", second))
        .add("bp-root", "1.0.0", dep("bp-a", "^1"), dep("bp-b", "^1"));
    published.forEach(v -> catalog.add("bp-shared", v));

    Resolution r = new DependencyResolver(catalog).resolve("bp-root", VersionRange.any(),
        JsonNodeFactory.instance.objectNode(), List.of());

    VersionRange a = VersionRange.parse(first);
    VersionRange b = VersionRange.parse(second);
    List<Version> all = published.stream().map(Version::parse).toList();
    Optional<Version> expected = all.stream().filter(v -> a.isSatisfiedBy(v) && b.isSatisfiedBy(v))
        .max(Comparator.naturalOrder());
    if (expected.isPresent()) {
      assertThat(r.problems()).isEmpty();
      assertThat(r.nodes()).filteredOn(n -> n.blueprint().equals("bp-shared")).singleElement()
          .satisfies(n -> assertThat(n.version()).isEqualTo(expected.get().toString()));
      assertThat(r.nodes()).hasSize(4);
    } else {
      boolean eachAlonePossible = all.stream().anyMatch(a::isSatisfiedBy) && all.stream().anyMatch(b::isSatisfiedBy);
      assertThat(r.problems()).singleElement().satisfies(p -> {
        assertThat(p.blueprint()).isEqualTo("bp-shared");
        assertThat(p.kind()).isEqualTo(eachAlonePossible ? Problem.Kind.CONFLICT : Problem.Kind.NO_MATCHING_VERSION);
      });
    }
  }

  @Property(tries = 100)
  void aChainResolvesTopDownAndInstallsBottomUp(@ForAll @Size(min = 2, max = 8) List<@net.jqwik.api.From("versions") String> chainVersions) {
    TestCatalog catalog = new TestCatalog();
    int n = chainVersions.size();
    for (int i = 0; i < n; i++) {
      String name = "bp-level" + i;
      if (i == n - 1) {
        catalog.add(name, chainVersions.get(i));
      } else {
        catalog.add(name, chainVersions.get(i), dep("bp-level" + (i + 1), chainVersions.get(i + 1)));
      }
    }
    Resolution r = new DependencyResolver(catalog).resolve("bp-level0", VersionRange.any(),
        JsonNodeFactory.instance.objectNode(), List.of());
    assertThat(r.problems()).isEmpty();
    assertThat(r.nodes()).extracting(Resolution.Node::blueprint)
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, n).map(i -> n - 1 - i)
            .mapToObj(i -> "bp-level" + i).toList());
    assertThat(r.nodes()).extracting(Resolution.Node::depth)
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, n).map(i -> n - 1 - i).boxed().toList());
  }
}
