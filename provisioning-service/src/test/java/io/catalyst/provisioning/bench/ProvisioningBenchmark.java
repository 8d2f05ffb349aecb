package io.catalyst.provisioning.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.provisioning.ProvisioningIntegrationTest;
import io.catalyst.provisioning.application.ApplicationRepositories;
import io.catalyst.provisioning.application.ApplicationRepositoryLayout;
import io.catalyst.provisioning.environment.EnvironmentType;
import io.catalyst.platform.git.FileChanges;
import io.catalyst.provisioning.githost.GitRepositories;
import io.catalyst.provisioning.githost.RepositoryPath;
import io.catalyst.provisioning.support.GitCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Not part of the build's tests (its name matches neither *Test nor *IT). Run with
 * {@code ./mvnw -pl provisioning-service verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=ProvisioningBenchmark}: {@code git clone} through the Git host versus from the same bare repository
 * on disk ({@code file://}, the pack protocol without HTTP), and the latency of creating an Environment over HTTP.
 */
class ProvisioningBenchmark extends ProvisioningIntegrationTest {

  @Autowired ApplicationRepositories applications;
  @Autowired GitRepositories repositories;

  @Test
  void cloneThroughTheHostVersusLocalAndEnvironmentCreation() {
    String org = "bench-org";
    String app = "bench-app";
    applications.create(new ApplicationRepositoryLayout.Spec(org, app, "bp-bench", "1.0.0", "sha256:0", "oci://c",
        "replicas: 1\n", "team-a", List.of("primary"), List.of()), Set.of(EnvironmentType.PROD), "bench");
    RepositoryPath repo = new RepositoryPath(org, app);
    Random random = new Random(7);
    for (int c = 0; c < 20; c++) { // 20 commits of 25 files of 4 KiB: ~2 MiB of incompressible-ish content
      FileChanges changes = new FileChanges();
      for (int f = 0; f < 25; f++) {
        byte[] bytes = new byte[3072];
        random.nextBytes(bytes);
        changes.write("docs/c" + c + "/f" + f + ".txt", java.util.Base64.getEncoder().encodeToString(bytes));
      }
      repositories.commit(repo, "develop", changes, new PersonIdent("bench", "bench@x"), "commit " + c);
    }
    GitCli git = new GitCli(ROOT.resolve("bench-home"));
    String token = token("bench", org, "org-admin");
    String http = "http://x:" + token + "@localhost:" + port + "/git/" + org + "/" + app + ".git";
    String local = "file://" + repositories.root().resolve(org).resolve(app + ".git");
    for (int i = 0; i < 3; i++) { // warm up
      clone(git, http, "warm-h" + i);
      clone(git, local, "warm-l" + i);
    }
    List<Long> viaHost = new ArrayList<>();
    List<Long> viaDisk = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      viaHost.add(clone(git, http, "h" + i));
      viaDisk.add(clone(git, local, "l" + i));
    }
    long hostP50 = p(viaHost, 50);
    long diskP50 = p(viaDisk, 50);

    List<Long> create = new ArrayList<>();
    String[] types = {"dev", "stg", "uat", "poc"};
    for (int i = 0; i < 40; i++) {
      String o = "bench-env-" + i;
      String admin = token("a", o, "org-admin");
      long t = System.nanoTime();
      int status = call("POST", "/api/v1/provisioning/environments", admin,
          "{\"organization\":\"" + o + "\",\"type\":\"" + types[i % 4] + "\"}").statusCode();
      create.add((System.nanoTime() - t) / 1_000);
      assertThat(status).isEqualTo(201);
    }
    List<Long> steady = create.subList(5, create.size());
    System.out.printf("%nBENCH git clone (%d commits, ~2 MiB): via host p50 %.1f ms p90 %.1f ms; local file:// p50 %.1f ms "
            + "p90 %.1f ms; ratio p50 %.2f%n", 21, hostP50 / 1000.0, p(viaHost, 90) / 1000.0, diskP50 / 1000.0,
        p(viaDisk, 90) / 1000.0, (double) hostP50 / diskP50);
    System.out.printf("BENCH environment create over HTTP (n=%d after 5 warm-up): p50 %.1f ms p90 %.1f ms max %.1f ms%n%n",
        steady.size(), p(steady, 50) / 1000.0, p(steady, 90) / 1000.0, Collections.max(steady) / 1000.0);
  }

  /**
   * 20 {@code git clone}s at once of the same repository (~2 MiB), and 20 {@code git push}es at once (one new commit
   * each, to the {@code develop} branch of 20 Application repositories, through the whole pre-receive: policy,
   * CODEOWNERS, secret scan, event). Three rounds each; latency per operation, errors must be 0.
   */
  @Test
  void twentyConcurrentClonesAndPushes() throws Exception {
    String org = "bench-conc";
    String token = token("bench", org, "org-admin");
    GitCli git = new GitCli(ROOT.resolve("bench-conc-home"));
    String big = "bench-big";
    applications.create(new ApplicationRepositoryLayout.Spec(org, big, "bp-bench", "1.0.0", "sha256:0", "oci://c",
        "replicas: 1\n", "team-a", List.of("primary"), List.of()), Set.of(EnvironmentType.PROD), "bench");
    Random random = new Random(11);
    for (int c = 0; c < 20; c++) {
      FileChanges changes = new FileChanges();
      for (int f = 0; f < 25; f++) {
        byte[] bytes = new byte[3072];
        random.nextBytes(bytes);
        changes.write("docs/c" + c + "/f" + f + ".txt", java.util.Base64.getEncoder().encodeToString(bytes));
      }
      repositories.commit(new RepositoryPath(org, big), "develop", changes, new PersonIdent("bench", "bench@x"),
          "commit " + c);
    }
    String bigUrl = "http://x:" + token + "@localhost:" + port + "/git/" + org + "/" + big + ".git";
    clone(git, bigUrl, "conc-warm");

    List<Long> clones = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicInteger cloneErrors = new java.util.concurrent.atomic.AtomicInteger();
    long cloneWall = 0;
    for (int round = 0; round < 3; round++) {
      int r = round;
      cloneWall += concurrently(20, i -> {
        Path into = ROOT.resolve("conc-clone-" + r + "-" + i + "-" + System.nanoTime());
        long t = System.nanoTime();
        GitCli.Result result = git.clone(bigUrl, into);
        clones.add((System.nanoTime() - t) / 1_000);
        if (!result.ok()) {
          cloneErrors.incrementAndGet();
          System.out.println("clone failed: " + result.output());
        }
      });
    }

    // The same 20 clones at once from the bare repository on disk (file://): what the machine does without the host.
    String bigLocal = "file://" + repositories.root().resolve(org).resolve(big + ".git");
    List<Long> localClones = java.util.Collections.synchronizedList(new ArrayList<>());
    long localWall = concurrently(20, i -> {
      long t = System.nanoTime();
      GitCli.Result result = git.clone(bigLocal, ROOT.resolve("conc-local-" + i + "-" + System.nanoTime()));
      localClones.add((System.nanoTime() - t) / 1_000);
      assertThat(result.ok()).as(result.output()).isTrue();
    });

    List<Long> pushes = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicInteger pushErrors = new java.util.concurrent.atomic.AtomicInteger();
    List<Path> works = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String app = "bench-push-" + i;
      applications.create(new ApplicationRepositoryLayout.Spec(org, app, "bp-bench", "1.0.0", "sha256:0", "oci://c",
          "replicas: 1\n", "team-a", List.of("primary"), List.of()), Set.of(EnvironmentType.PROD), "bench");
      Path work = ROOT.resolve("conc-push-" + i + "-" + System.nanoTime());
      assertThat(git.clone("http://x:" + token + "@localhost:" + port + "/git/" + org + "/" + app + ".git", work)
          .ok()).isTrue();
      git.run(work, "checkout", "develop");
      works.add(work);
    }
    long pushWall = 0;
    for (int round = 0; round < 3; round++) {
      int r = round;
      for (Path work : works) {
        GitCli.write(work.resolve("overlays/dev/values.yaml"), "replicas: " + (r + 2) + "\n");
        assertThat(git.run(work, "commit", "-am", "round " + r).ok()).isTrue();
      }
      pushWall += concurrently(20, i -> {
        long t = System.nanoTime();
        GitCli.Result result = git.run(works.get(i), "push", "origin", "develop");
        pushes.add((System.nanoTime() - t) / 1_000);
        if (!result.ok()) {
          pushErrors.incrementAndGet();
          System.out.println("push failed: " + result.output());
        }
      });
    }
    String report = String.format("BENCH 20 concurrent git clone (~2 MiB, 3 rounds, n=%d): p50 %.1f ms p99 %.1f ms "
            + "max %.1f ms, round wall %.0f ms, errors %d; the same 20 at once from file:// (n=20): p50 %.1f ms, "
            + "wall %.0f ms%n"
            + "BENCH 20 concurrent git push (1 commit each to develop of 20 repos, 3 rounds, n=%d): p50 %.1f ms "
            + "p99 %.1f ms max %.1f ms, round wall %.0f ms, errors %d%n",
        clones.size(), p(clones, 50) / 1000.0, p(clones, 99) / 1000.0, Collections.max(clones) / 1000.0,
        cloneWall / 3 / 1000.0, cloneErrors.get(), p(localClones, 50) / 1000.0, localWall / 1000.0, pushes.size(), p(pushes, 50) / 1000.0, p(pushes, 99) / 1000.0,
        Collections.max(pushes) / 1000.0, pushWall / 3 / 1000.0, pushErrors.get());
    System.out.printf("%n%s%n", report);
    java.nio.file.Files.writeString(Path.of("target", "concurrency-benchmark.txt"), report);
    assertThat(cloneErrors.get()).isZero();
    assertThat(pushErrors.get()).isZero();
  }

  /** Runs {@code task(0..n-1)} on n threads released at once; answers the wall time in µs. */
  private static long concurrently(int n, java.util.function.IntConsumer task) throws Exception {
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    try (java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n)) {
      List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(pool.submit(() -> {
          start.await();
          task.accept(index);
          return null;
        }));
      }
      long t = System.nanoTime();
      start.countDown();
      for (java.util.concurrent.Future<?> f : futures) {
        f.get();
      }
      return (System.nanoTime() - t) / 1_000;
    }
  }

  private static long clone(GitCli git, String url, String name) {
    Path into = ROOT.resolve("bench-" + name + "-" + System.nanoTime());
    long t = System.nanoTime();
    GitCli.Result r = git.clone(url, into);
    long micros = (System.nanoTime() - t) / 1_000;
    assertThat(r.ok()).as(r.output()).isTrue();
    return micros;
  }

  private static long p(List<Long> values, int percentile) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
  }
}
