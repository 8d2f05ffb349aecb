package io.catalyst.catalog.marketplace;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.catalyst.catalog.CatalogIntegrationTest;
import io.catalyst.platform.core.semver.VersionRange;
import io.catalyst.catalog.marketplace.MarketplaceQuery.Sort;
import io.catalyst.catalog.resolve.ResolveService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A benchmark, not a test: nothing is asserted about time. Run it on its own
 * ({@code ./mvnw -pl catalog-service -am verify -Dit.test=CatalogBenchmark -Dsurefire.skip=true}); it loads 5,000
 * Blueprints next to the shipped catalog, measures search and resolution inside the service (and search through the
 * whole HTTP stack), prints the percentiles and writes them to {@code target/benchmark.txt}.
 */
class CatalogBenchmark extends CatalogIntegrationTest {

  private static final int BLUEPRINTS = 5_000;
  private static final int WARMUP = 300;
  private static final int RUNS = 2_000;

  @Autowired Marketplace marketplace;
  @Autowired ResolveService resolve;

  @Test
  void measure() throws Exception {
    load();
    List<String> lines = new ArrayList<>();
    List<MarketplaceQuery> queries = List.of(
        new MarketplaceQuery("postgres", null, List.of(), null, 0, 20),
        new MarketplaceQuery("team chat", null, List.of(), null, 0, 20),
        new MarketplaceQuery("analytics dashboard privacy", null, List.of(), null, 0, 20),
        new MarketplaceQuery("inventory", "erp", List.of(), null, 0, 20),
        new MarketplaceQuery(null, "database", List.of(), Sort.POPULAR, 0, 20),
        new MarketplaceQuery(null, null, List.of("backup"), Sort.NEWEST, 2, 50),
        new MarketplaceQuery("monitoring -uptime", null, List.of(), Sort.NAME, 0, 100),
        new MarketplaceQuery(null, null, List.of(), Sort.POPULAR, 10, 20));
    Viewer viewer = new Viewer("bench-org", false);
    lines.add("load average at start: " + Files.readString(Path.of("/proc/loadavg")).trim()
        + " (" + Runtime.getRuntime().availableProcessors() + " cores)");
    lines.add(measure("search, in the service (" + count() + " Blueprints)",
        i -> marketplace.search(viewer, queries.get(i % queries.size()))));
    // PostgreSQL's own execution time of the same statements: what the search costs without CPU queueing.
    double[] executed = new double[RUNS / 4];
    for (int i = 0; i < executed.length; i++) {
      Marketplace.Statement st = marketplace.statement(viewer, queries.get(i % queries.size()));
      String plan = jdbc.sql("explain (analyze, format json) " + st.sql()).params(st.params())
          .query(String.class).single();
      executed[i] = JsonMapper.builder().build().readTree(plan).get(0).get("Execution Time").asDouble();
    }
    Arrays.sort(executed);
    lines.add("%-80s p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  max %6.2f ms (%d runs)".formatted(
        "search, PostgreSQL execution time (EXPLAIN ANALYZE)", executed[executed.length / 2],
        executed[executed.length * 95 / 100], executed[executed.length * 99 / 100], executed[executed.length - 1],
        executed.length));

    String[] urls = {"/api/v1/catalog/blueprints?q=postgres", "/api/v1/catalog/blueprints?q=team%20chat",
        "/api/v1/catalog/blueprints?category=database", "/api/v1/catalog/blueprints?tag=backup&sort=newest",
        "/api/v1/catalog/blueprints?page=10"};
    lines.add(measure("search, through HTTP (MockMvc: security, JSON)", i -> {
      try {
        mvc.perform(get(urls[i % urls.length])).andReturn();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }));

    ObjectNode config = (ObjectNode) JsonMapper.builder().build().readTree(
        "{\"domain\": \"acme.om\", \"adminEmail\": \"ops@acme.om\", \"pharmacyName\": \"Acme\"}");
    lines.add(measure("resolve bp-bundle-dev-team (4 levels: bundle → gitea → keycloak → postgres)", i ->
        resolve.resolve(Viewer.ANONYMOUS, "bp-bundle-dev-team", VersionRange.any(), config, List.of()).orElseThrow()));
    lines.add(measure("resolve bp-bundle-pharmacy (bundle and its five Applications)", i ->
        resolve.resolve(Viewer.ANONYMOUS, "bp-bundle-pharmacy", VersionRange.any(), config, List.of())
            .orElseThrow()));

    lines.add("load average at end: " + Files.readString(Path.of("/proc/loadavg")).trim());
    lines.forEach(System.out::println);
    Files.write(Path.of("target", "benchmark.txt"), lines);
  }

  @AfterEach
  void unload() {
    jdbc.sql("delete from blueprint where source_id = 'catalog-sovereign/bench'").update();
    jdbc.sql("delete from catalog_source where id = 'catalog-sovereign/bench'").update();
  }

  private long count() {
    return jdbc.sql("select count(*) from blueprint").query(Long.class).single();
  }

  private static String measure(String name, IntConsumer run) {
    for (int i = 0; i < WARMUP; i++) {
      run.accept(i);
    }
    long[] nanos = new long[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long t = System.nanoTime();
      run.accept(i);
      nanos[i] = System.nanoTime() - t;
    }
    Arrays.sort(nanos);
    return "%-80s p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  max %6.2f ms (%d runs)".formatted(name,
        nanos[RUNS / 2] / 1e6, nanos[RUNS * 95 / 100] / 1e6, nanos[RUNS * 99 / 100] / 1e6, nanos[RUNS - 1] / 1e6,
        RUNS);
  }

  /** 5,000 Sovereign-wide Blueprints with words from a realistic vocabulary, indexed like synced ones. */
  private void load() {
    jdbc.sql("insert into catalog_source (id, owner, repo, url, scope) values ('catalog-sovereign/bench',"
        + " 'catalog-sovereign', 'bench', 'file:///dev/null', 'sovereign') on conflict do nothing").update();
    jdbc.sql("""
        with words as (
          select array['postgres','chat','analytics','inventory','mail','backup','monitoring','storage','crm',
                       'invoice','booking','wiki','helpdesk','forms','ai','search','queue','cache','gateway',
                       'dashboard','privacy','team','video','shop','ledger','photo','notes','survey','kanban',
                       'uptime'] as w,
                 array['database','communication','analytics','erp','productivity','devtools','security',
                       'monitoring','storage','marketing'] as c)
        insert into blueprint (name, organization, source_id, visibility, title, summary, category, tags,
                               latest_version, installs, search, created_at, updated_at)
        select 'bp-bench-' || i, null, 'catalog-sovereign/bench', case when i % 10 = 0 then 'unlisted' else 'listed' end,
               initcap(w[1 + i % 30]) || ' ' || initcap(w[1 + (i / 30) % 30]) || ' ' || i,
               'A ' || w[1 + (i * 7) % 30] || ' and ' || w[1 + (i * 11) % 30] || ' tool for ' || w[1 + (i * 13) % 30]
                 || ' teams',
               c[1 + i % 10], array[w[1 + i % 30], w[1 + (i * 3) % 30]], '1.0.0', i % 97,
               setweight(to_tsvector('english', initcap(w[1 + i % 30]) || ' ' || w[1 + (i / 30) % 30] || ' bench '
                 || i), 'A')
                 || setweight(to_tsvector('english', w[1 + i % 30] || ' ' || w[1 + (i * 3) % 30] || ' '
                 || c[1 + i % 10]), 'B')
                 || setweight(to_tsvector('english', 'A ' || w[1 + (i * 7) % 30] || ' and ' || w[1 + (i * 11) % 30]
                 || ' tool for ' || w[1 + (i * 13) % 30] || ' teams'), 'C')
                 || setweight(to_tsvector('english', repeat(w[1 + (i * 17) % 30] || ' deployment guide ', 40)), 'D'),
               now() - (i || ' minutes')::interval, now()
        from generate_series(1, COUNT) i, words""".replace("COUNT", String.valueOf(BLUEPRINTS))).update();
    jdbc.sql("analyze blueprint").update();
  }
}
