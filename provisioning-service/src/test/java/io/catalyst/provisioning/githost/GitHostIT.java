package io.catalyst.provisioning.githost;

import io.catalyst.platform.git.FileChanges;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.catalyst.platform.git.Codeowners;
import io.catalyst.provisioning.ProvisioningIntegrationTest;
import io.catalyst.provisioning.application.ApplicationRepositories;
import io.catalyst.provisioning.application.ApplicationRepositoryLayout;
import io.catalyst.provisioning.contract.BranchMoved;
import io.catalyst.provisioning.environment.EnvironmentType;
import io.catalyst.provisioning.support.GitCli;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The real {@code git} CLI against the running Git host: clone, push, and every refusal of the pre-receive hook. */
class GitHostIT extends ProvisioningIntegrationTest {

  private static final String ORG = "bank-dhofar";
  private static final AtomicInteger apps = new AtomicInteger();

  @Autowired ApplicationRepositories applications;
  @Autowired GitRepositories repositories;

  private final GitCli git = new GitCli(ROOT.resolve("home"));

  private final String admin = token("ahmed", ORG, "org-admin");
  private final String layla = io.catalyst.platform.testkit.TestTokens.user("layla").org(ORG).roles("org-developer")
      .environments(ORG + "-dev").teams("team-payments").sign();

  @Autowired BranchHeadReconciler reconciler;

  @Test
  void aDeveloperClonesCommitsAndPushesToItsEnvironmentBranch() {
    String app = newApplication();
    Path work = clone(layla, ORG, app);
    git.run(work, "checkout", "develop");
    GitCli.write(work.resolve("overlays/dev/values.yaml"), "replicas: 2\n");
    assertThat(git.run(work, "commit", "-am", "Two replicas on dev").ok()).isTrue();

    GitCli.Result push = git.run(work, "push", "origin", "develop");

    assertThat(push.ok()).as(push.output()).isTrue();
    String head = git.run(work, "rev-parse", "HEAD").output().trim();
    assertThat(repositories.head(new RepositoryPath(ORG, app), "develop")).hasValue(head);
    // The one event of every head move, via the push, once (git.pushed.v1 is retired: nothing publishes it).
    List<BranchMoved> moves = jdbc.sql("select data from catalyst_outbox where type = :t and subject = :s")
        .param("t", "io.catalyst.provisioning.branch.moved.v1").param("s", "repos/" + ORG + "/" + app + "/branches/develop")
        .query(String.class).list().stream().map(d -> jsonMapper.readValue(d, BranchMoved.class))
        .filter(m -> head.equals(m.newSha())).toList();
    assertThat(moves).singleElement().extracting("via", "actor", "change", "environment")
        .containsExactly("push", "layla", "updated", ORG + "-dev");
    BranchMoved moved = outboxRecord("branch.moved.v1", "repos/" + ORG + "/" + app + "/branches/develop",
        BranchMoved.class);
    assertThat(moved).extracting("owner", "repository", "branch", "newSha", "via")
        .containsExactly(ORG, app, "develop", head, "push");
    assertThat(jdbc.sql("select count(*) from catalyst_outbox where type like '%git.pushed%'").query(Long.class)
        .single()).isZero();
    // The relay ships it to Kafka.
    java.util.UUID id = BranchMoves.eventId(new RepositoryPath(ORG, app), "develop", head);
    await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
        select count(*) from catalyst_outbox where event_id = :id and published_at is not null""")
        .param("id", id).query(Long.class).single() == 1);
  }

  @Test
  void aForcePushToAnEnvironmentBranchIsRefusedWithWhatToDo() {
    String app = newApplication();
    Path work = clone(admin, ORG, app);
    git.run(work, "checkout", "develop");
    GitCli.write(work.resolve("overlays/dev/values.yaml"), "replicas: 3\n");
    git.run(work, "commit", "-am", "rewrite history", "--amend");

    GitCli.Result push = git.run(work, "push", "--force", "origin", "develop");

    assertThat(push.ok()).isFalse();
    assertThat(push.output()).contains("[remote rejected]", "remote: 'develop' is the branch of Environment bank-dhofar-dev; "
        + "its history is protected", "git pull --rebase origin develop");
    // Audit hears of the attempt: who, which ref, which rule.
    assertThat(outboxData("git.push.refused.v1", "repos/" + ORG + "/" + app)).contains(
        "\"ref\":\"refs/heads/develop\"", "\"branch\":\"develop\"", "\"environment\":\"bank-dhofar-dev\"",
        "\"rule\":\"policy\"", "\"reason\":\"force-push to environment branch\"", "\"repository\":\"" + app + "\"");
  }

  @Test
  void deletingAnEnvironmentBranchIsRefused() {
    String app = newApplication();
    Path work = clone(admin, ORG, app);

    GitCli.Result push = git.run(work, "push", "origin", ":staging");

    assertThat(push.ok()).isFalse();
    assertThat(push.output()).contains("remote: 'staging' is the branch of Environment bank-dhofar-stg and cannot be deleted");
    assertThat(repositories.head(new RepositoryPath(ORG, app), "staging")).isPresent();
  }

  @Test
  void mainTakesNoDirectPushWhilePromotionServiceCannotBeAsked() {
    String app = newApplication();
    Path work = clone(admin, ORG, app);
    GitCli.write(work.resolve("values.yaml"), "replicas: 5\n");
    git.run(work, "commit", "-am", "straight to prod");

    GitCli.Result push = git.run(work, "push", "origin", "main");

    assertThat(push.ok()).isFalse();
    assertThat(push.output()).contains("remote: main is the production branch; changes reach it through a promotion",
        "promotion required");
  }

  @Test
  void aPlainSecretInValuesIsRefusedAndAReferenceIsAccepted() {
    String app = newApplication();
    Path work = clone(admin, ORG, app);
    git.run(work, "checkout", "develop");
    GitCli.write(work.resolve("values.yaml"), "database:\n  host: db\n  password: hunter2\n");
    git.run(work, "commit", "-am", "db password");

    GitCli.Result refused = git.run(work, "push", "origin", "develop");

    assertThat(refused.ok()).isFalse();
    assertThat(refused.output()).contains("remote: Plain secret values cannot be pushed",
        "values.yaml: database.password holds a plain secret value", "ExternalSecret");
    assertThat(outboxData("git.push.refused.v1", "repos/" + ORG + "/" + app))
        .contains("\"rule\":\"secrets\"", "\"reason\":\"plain secret in values.yaml\"");

    GitCli.write(work.resolve("values.yaml"), "database:\n  host: db\n  existingSecret: payments-db\n");
    git.run(work, "commit", "-a", "--amend", "-m", "db password from OpenBao");
    GitCli.Result accepted = git.run(work, "push", "origin", "develop");
    assertThat(accepted.ok()).as(accepted.output()).isTrue();
  }

  @Test
  void aDeveloperIsRefusedOnTheBranchOfAnEnvironmentItIsNotBoundTo() {
    String app = newApplication();
    Path work = clone(layla, ORG, app);
    git.run(work, "checkout", "staging");
    GitCli.write(work.resolve("overlays/stg/values.yaml"), "replicas: 2\n");
    git.run(work, "commit", "-am", "stg change");

    GitCli.Result push = git.run(work, "push", "origin", "staging");

    assertThat(push.ok()).isFalse();
    assertThat(push.output()).contains("remote: 'staging' is the branch of Environment bank-dhofar-stg, and you are "
        + "bound to bank-dhofar-dev", "ask an org-admin to bind you to bank-dhofar-stg");
  }

  @Test
  void anotherOrganizationsRepositoryDoesNotExistForTheCaller() {
    String app = newApplication();
    String stranger = token("omar", "muscat-pharmacy", "org-admin");

    GitCli.Result clone = git.clone(url(stranger, ORG, app), ROOT.resolve("stranger-" + app));

    assertThat(clone.ok()).isFalse();
    assertThat(clone.output()).containsIgnoringCase("not found");
    assertThat(http("/git/" + ORG + "/" + app + ".git/info/refs?service=git-upload-pack", stranger).statusCode())
        .isEqualTo(404);
  }

  @Test
  void aViewerClonesButCannotPush() {
    String app = newApplication();
    Path work = clone(token("nadia", ORG, "org-viewer"), ORG, app);
    git.run(work, "checkout", "develop");
    GitCli.write(work.resolve("overlays/dev/values.yaml"), "replicas: 4\n");
    git.run(work, "commit", "-am", "viewer change");

    GitCli.Result push = git.run(work, "push", "origin", "develop");

    assertThat(push.ok()).isFalse();
    assertThat(push.output()).contains("403");
  }

  @Test
  void gitIsAskedForCredentialsAndBadAddressesAreRefused() {
    HttpResponse<String> anonymous = http("/git/" + ORG + "/x.git/info/refs?service=git-upload-pack", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Catalyst\"");
    assertThat(http("/git/" + ORG + "/x.git/info/refs?service=git-upload-pack", "not-a-token").statusCode())
        .isEqualTo(401);
    assertThat(http("/git/Bank_Dhofar/x.git/info/refs", admin).statusCode()).isEqualTo(400);
    assertThat(http("/git/" + ORG + "/..%2F..%2Fetc.git/info/refs", admin).statusCode()).isIn(400, 404);
    assertThat(http("/git/" + ORG + "/no-such-repo.git/info/refs?service=git-upload-pack", admin).statusCode())
        .isEqualTo(404);
  }

  @Test
  void aBearerTokenWorksAsWellAsBasic() {
    String app = newApplication();
    HttpResponse<String> refs = http("/git/" + ORG + "/" + app + ".git/info/refs?service=git-upload-pack", admin);
    assertThat(refs.statusCode()).isEqualTo(200);
    assertThat(refs.body()).contains("refs/heads/develop", "refs/heads/staging", "refs/heads/main");
  }

  @Test
  void codeownersRefusesAPushToOwnedPathsFromOutsideTheOwningTeams() {
    String app = newApplication();
    RepositoryPath repo = new RepositoryPath(ORG, app);
    // develop's CODEOWNERS: everything team-payments', the prod overlay team-sre's.
    repositories.commit(repo, "develop", new FileChanges().write("CODEOWNERS",
            "* @bank-dhofar/team-payments\n/overlays/prod/ @bank-dhofar/team-sre\n"),
        new org.eclipse.jgit.lib.PersonIdent("ahmed", "ahmed@x"), "owners");
    String outsider = developer("omar", ORG, ORG + "-dev"); // bound to dev, in no team

    Path work = clone(outsider, ORG, app);
    git.run(work, "checkout", "develop");
    GitCli.write(work.resolve("overlays/dev/values.yaml"), "replicas: 2\n");
    git.run(work, "commit", "-am", "Two replicas");
    GitCli.Result refused = git.run(work, "push", "origin", "develop");
    assertThat(refused.ok()).isFalse();
    assertThat(refused.output()).contains("[remote rejected] develop -> develop (CODEOWNERS: overlays/dev/values.yaml is owned "
        + "by @bank-dhofar/team-payments)", "remote: CODEOWNERS of 'develop' protects paths this push changes",
        "overlays/dev/values.yaml — owned by @bank-dhofar/team-payments", "your teams: none");

    // A member of team-payments changes dev's overlay, but not the prod overlay team-sre owns.
    Path mine = clone(layla, ORG, app);
    git.run(mine, "checkout", "develop");
    GitCli.write(mine.resolve("overlays/dev/values.yaml"), "replicas: 2\n");
    git.run(mine, "commit", "-am", "Two replicas");
    GitCli.Result accepted = git.run(mine, "push", "origin", "develop");
    assertThat(accepted.ok()).as(accepted.output()).isTrue();
    GitCli.write(mine.resolve("overlays/prod/values.yaml"), "replicas: 5\n");
    git.run(mine, "commit", "-am", "Five on prod");
    GitCli.Result sre = git.run(mine, "push", "origin", "develop");
    assertThat(sre.ok()).isFalse();
    assertThat(sre.output()).contains("overlays/prod/values.yaml — owned by @bank-dhofar/team-sre");
    // Making oneself an owner in the same push does not help: the branch's CODEOWNERS before the push decides.
    GitCli.write(mine.resolve("CODEOWNERS"), "* @bank-dhofar/team-payments\n");
    git.run(mine, "commit", "-am", "Own it all");
    assertThat(git.run(mine, "push", "origin", "develop").ok()).isFalse();

    // org-admins are not held to CODEOWNERS (they can transfer ownership anyway).
    Path adminWork = clone(admin, ORG, app);
    git.run(adminWork, "checkout", "develop");
    GitCli.write(adminWork.resolve("overlays/prod/values.yaml"), "replicas: 4\n");
    git.run(adminWork, "commit", "-am", "Four on prod");
    GitCli.Result byAdmin = git.run(adminWork, "push", "origin", "develop");
    assertThat(byAdmin.ok()).as(byAdmin.output()).isTrue();
  }

  /**
   * Issue 12: what nobody chose a team for is owned by the role reference {@code @org/role:org-admin} (the team
   * {@code admins} it named before did not exist); the push rule enforces it like a team.
   */
  @Test
  void codeownersOfTheOrgAdminsRoleRefusesDevelopersAndLetsOrgAdminsPush() {
    String app = newApplication(Codeowners.ORG_ADMINS);
    assertThat(repositories.read(new RepositoryPath(ORG, app), "develop", "CODEOWNERS")).hasValueSatisfying(c ->
        assertThat(c).contains("* @bank-dhofar/role:org-admin"));

    Path work = clone(layla, ORG, app); // org-developer bound to dev, in team-payments
    git.run(work, "checkout", "develop");
    GitCli.write(work.resolve("overlays/dev/values.yaml"), "replicas: 2\n");
    git.run(work, "commit", "-am", "Two replicas");
    GitCli.Result refused = git.run(work, "push", "origin", "develop");
    assertThat(refused.ok()).isFalse();
    assertThat(refused.output()).contains("(CODEOWNERS: overlays/dev/values.yaml is owned by "
        + "@bank-dhofar/role:org-admin)", "overlays/dev/values.yaml — owned by @bank-dhofar/role:org-admin");

    Path adminWork = clone(admin, ORG, app);
    git.run(adminWork, "checkout", "develop");
    GitCli.write(adminWork.resolve("overlays/dev/values.yaml"), "replicas: 3\n");
    git.run(adminWork, "commit", "-am", "Three replicas");
    GitCli.Result byAdmin = git.run(adminWork, "push", "origin", "develop");
    assertThat(byAdmin.ok()).as(byAdmin.output()).isTrue();
  }

  @Test
  void aPushWhoseEventWasLostIsReannouncedByTheReconcilerOnceWithADerivedId() {
    String app = newApplication();
    RepositoryPath repo = new RepositoryPath(ORG, app);
    reconciler.reconcile(repo, Duration.ZERO); // records the branches as installed
    String before = repositories.head(repo, "develop").orElseThrow();
    Path work = clone(layla, ORG, app);
    git.run(work, "checkout", "develop");
    GitCli.write(work.resolve("overlays/dev/values.yaml"), "replicas: 3\n");
    git.run(work, "commit", "-am", "Three replicas");
    assertThat(git.run(work, "push", "origin", "develop").ok()).isTrue();
    String head = git.run(work, "rev-parse", "HEAD").output().trim();
    java.util.UUID derived = java.util.UUID.nameUUIDFromBytes(("branch.moved:" + ORG + "/" + app + ":develop:" + head)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(eventIds(app)).containsExactly(derived);
    assertThat(reconciler.reconcile(repo, Duration.ZERO)).isZero(); // announced: nothing to do

    // The process "died" between the ref update and the outbox commit: no event, the old head announced.
    jdbc.sql("delete from catalyst_outbox where subject = :s").param("s", developOf(app)).update();
    jdbc.sql("update branch_head set sha = :old where owner = :o and repository = :r and branch = 'develop'")
        .param("old", before).param("o", ORG).param("r", app).update();

    assertThat(reconciler.reconcile(repo, Duration.ZERO)).isEqualTo(1);
    assertThat(eventIds(app)).containsExactly(derived);
    assertThat(outboxRecord("branch.moved.v1", developOf(app), BranchMoved.class))
        .extracting("oldSha", "newSha", "via", "actor", "environment")
        .containsExactly(before, head, "push", "layla", "bank-dhofar-dev");
    assertThat(reconciler.reconcile(repo, Duration.ZERO)).isZero(); // once

    // A branch whose announced head was never recorded, last moved by a push: announced from the reflog.
    GitCli.write(work.resolve("overlays/dev/values.yaml"), "replicas: 5\n");
    git.run(work, "commit", "-am", "Five replicas");
    assertThat(git.run(work, "push", "origin", "develop").ok()).isTrue();
    jdbc.sql("delete from catalyst_outbox where subject = :s").param("s", developOf(app)).update();
    jdbc.sql("delete from branch_head where owner = :o and repository = :r and branch = 'develop'")
        .param("o", ORG).param("r", app).update();
    assertThat(reconciler.reconcile(repo, Duration.ZERO)).isEqualTo(1);
    String fifth = git.run(work, "rev-parse", "HEAD").output().trim();
    assertThat(outboxRecord("branch.moved.v1", developOf(app), BranchMoved.class))
        .extracting("oldSha", "newSha", "via", "actor").containsExactly(head, fifth, "push", "layla");
    assertThat(reconciler.reconcile(repo, Duration.ZERO)).isZero();
    jdbc.sql("delete from catalyst_outbox where subject = :s").param("s", developOf(app)).update();

    // The service's own commits move branches too; a lost one is reported via system, not as a push.
    repositories.commit(repo, "develop", new FileChanges().write("overlays/dev/values.yaml", "replicas: 4\n"),
        new org.eclipse.jgit.lib.PersonIdent("catalyst", "c@x"), "configure");
    assertThat(reconciler.reconcile(repo, Duration.ZERO)).isZero();
    assertThat(eventIds(app)).isEmpty();
    assertThat(jdbc.sql("select sha from branch_head where owner = :o and repository = :r and branch = 'develop'")
        .param("o", ORG).param("r", app).query(String.class).single())
        .isEqualTo(repositories.head(repo, "develop").orElseThrow());
  }

  /** The ids of the pushes' {@code branch.moved} events of {@code develop}. */
  private List<java.util.UUID> eventIds(String app) {
    return jdbc.sql("""
        select event_id from catalyst_outbox
        where subject = :s and type like '%branch.moved.v1' and data::jsonb ->> 'via' = 'push'""")
        .param("s", developOf(app)).query(java.util.UUID.class).list();
  }

  private static String developOf(String app) {
    return "repos/" + ORG + "/" + app + "/branches/develop";
  }

  private String newApplication() {
    return newApplication("team-payments");
  }

  private String newApplication(String owner) {
    String app = "payments-" + apps.incrementAndGet();
    applications.create(new ApplicationRepositoryLayout.Spec(ORG, app, "bp-payments", "1.2.0", "sha256:abc",
            "oci://catalog", "replicas: 1\n", owner, List.of("primary"), List.of("db-password")),
        Set.of(EnvironmentType.DEV, EnvironmentType.STG, EnvironmentType.PROD), "catalyst");
    return app;
  }

  private Path clone(String token, String owner, String repo) {
    Path into = ROOT.resolve("work-" + repo + "-" + System.nanoTime());
    GitCli.Result clone = git.clone(url(token, owner, repo), into);
    assertThat(clone.ok()).as(clone.output()).isTrue();
    return into;
  }

  private String url(String token, String owner, String repo) {
    return "http://x:" + token + "@localhost:" + port + "/git/" + owner + "/" + repo + ".git";
  }

  private HttpResponse<String> http(String path, String bearer) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    try {
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
