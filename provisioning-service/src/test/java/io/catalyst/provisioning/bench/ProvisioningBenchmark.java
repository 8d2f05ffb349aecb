package io.catalyst.provisioning.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.provisioning.ProvisioningIntegrationTest;
import io.catalyst.provisioning.application.ApplicationRepositories;
import io.catalyst.provisioning.application.ApplicationRepositoryLayout;
import io.catalyst.provisioning.environment.EnvironmentType;
import io.catalyst.provisioning.githost.FileChanges;
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
