package io.catalyst.provisioning.githost;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.platform.web.security.Caller;
import io.catalyst.provisioning.githost.PushPolicy.ChangeType;
import io.catalyst.provisioning.githost.PushPolicy.RefChange;
import io.catalyst.provisioning.githost.PushPolicy.Verdict;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PushPolicyTest {

  private static final RepositoryPath APP = new RepositoryPath("acme", "shop");
  private final PushPolicy closed = new PushPolicy(PromotionPolicyClient.UNAVAILABLE);

  private static Caller caller(String org, Set<String> roles, Set<String> envs) {
    return new Caller("u", org, roles, Set.of(), envs);
  }

  private static final Caller ADMIN = caller("acme", Set.of("org-admin"), Set.of());
  private static final Caller DEV = caller("acme", Set.of("org-developer"), Set.of("acme-dev"));
  private static final Caller VIEWER = caller("acme", Set.of("org-viewer"), Set.of());
  private static final Caller SERVICE = caller(null, Set.of("service"), Set.of());
  private static final Caller SOVEREIGN = caller(null, Set.of("sovereign-admin"), Set.of());

  private Verdict check(PushPolicy policy, Caller caller, RepositoryPath repo, String branch, ChangeType type) {
    return policy.check(caller, repo, new RefChange("refs/heads/" + branch, type));
  }

  @Test
  void aDeveloperWritesOnlyTheBranchesOfItsEnvironments() {
    assertThat(check(closed, DEV, APP, "develop", ChangeType.UPDATE).accepted()).isTrue();
    Verdict staging = check(closed, DEV, APP, "staging", ChangeType.UPDATE);
    assertThat(staging.accepted()).isFalse();
    assertThat(staging.message()).contains("acme-stg", "bound to acme-dev");
    assertThat(check(closed, DEV, APP, "feature-x", ChangeType.CREATE).accepted()).isFalse();
    assertThat(check(closed, ADMIN, APP, "feature-x", ChangeType.CREATE).accepted()).isTrue();
    assertThat(check(closed, ADMIN, APP, "staging", ChangeType.UPDATE).accepted()).isTrue();
  }

  @Test
  void environmentBranchesRefuseForcePushAndDeletionForEveryone() {
    for (Caller c : new Caller[] {ADMIN, SOVEREIGN, SERVICE}) {
      assertThat(check(closed, c, APP, "staging", ChangeType.FORCE_UPDATE).reason()).contains("force-push");
      assertThat(check(closed, c, APP, "develop", ChangeType.DELETE).message()).contains("cannot be deleted");
    }
  }

  @Test
  void mainFailsClosedWhilePromotionServiceCannotBeAskedAndOtherBranchesStayOpen() {
    Verdict main = check(closed, ADMIN, APP, "main", ChangeType.UPDATE);
    assertThat(main.accepted()).isFalse();
    assertThat(main.message()).startsWith("main is the production branch; changes reach it through a promotion");
    assertThat(check(closed, SOVEREIGN, APP, "main", ChangeType.UPDATE).accepted()).isFalse();
    assertThat(check(closed, SERVICE, APP, "main", ChangeType.UPDATE).accepted()).as("promotion-service merges").isTrue();
    assertThat(check(closed, ADMIN, APP, "staging", ChangeType.UPDATE).accepted()).isTrue();
  }

  @Test
  void promotionServiceDecidesWhenItAnswers() {
    PushPolicy open = new PushPolicy((o, r, b, e) -> PromotionPolicyClient.Decision.OPEN);
    PushPolicy gated = new PushPolicy((o, r, b, e) -> PromotionPolicyClient.Decision.PROMOTION_REQUIRED);
    assertThat(check(open, ADMIN, APP, "main", ChangeType.UPDATE).accepted()).isTrue();
    Verdict stg = check(gated, ADMIN, APP, "staging", ChangeType.UPDATE);
    assertThat(stg.accepted()).isFalse();
    assertThat(stg.message()).contains("policy of Environment acme-stg requires changes to arrive through a promotion");
  }

  @Test
  void readOnlyCallersAndTheSovereignsRepositories() {
    assertThat(check(closed, VIEWER, APP, "develop", ChangeType.UPDATE).reason()).isEqualTo("read-only access");
    RepositoryPath catalog = new RepositoryPath("catalog", "bp-wordpress");
    assertThat(check(closed, ADMIN, catalog, "main", ChangeType.UPDATE).accepted()).isFalse();
    assertThat(check(closed, SOVEREIGN, catalog, "main", ChangeType.UPDATE).accepted()).isTrue();
    assertThat(check(closed, SOVEREIGN, catalog, "main", ChangeType.FORCE_UPDATE).accepted()).isFalse();
    RepositoryPath shared = new RepositoryPath("acme", "shared-blueprints");
    assertThat(check(closed, DEV, shared, "main", ChangeType.UPDATE).accepted()).isTrue();
    assertThat(check(closed, DEV, shared, "main", ChangeType.DELETE).accepted()).isFalse();
  }

  @Test
  void tagsAreImmutableAndOtherRefsRefused() {
    assertThat(closed.check(ADMIN, APP, new RefChange("refs/tags/v1", ChangeType.CREATE)).accepted()).isTrue();
    assertThat(closed.check(ADMIN, APP, new RefChange("refs/tags/v1", ChangeType.FORCE_UPDATE)).accepted()).isFalse();
    assertThat(closed.check(ADMIN, APP, new RefChange("refs/meta/config", ChangeType.CREATE)).accepted()).isFalse();
  }

  @Test
  void whoReadsWhat() {
    assertThat(RepositoryAccess.mayRead(VIEWER, APP)).isTrue();
    assertThat(RepositoryAccess.mayRead(caller("other", Set.of("org-admin"), Set.of()), APP)).isFalse();
    assertThat(RepositoryAccess.mayRead(caller("acme", Set.of("billing-admin"), Set.of()), APP)).isFalse();
    assertThat(RepositoryAccess.mayRead(caller("other", Set.of("org-viewer"), Set.of()),
        new RepositoryPath("catalog", "bp-x"))).isTrue();
    assertThat(RepositoryAccess.mayRead(ADMIN, new RepositoryPath("system", "catalyst-config"))).isFalse();
    assertThat(RepositoryAccess.mayRead(SERVICE, new RepositoryPath("system", "catalyst-config"))).isTrue();
    assertThat(RepositoryAccess.mayRead(Caller.ANONYMOUS, new RepositoryPath("catalog", "bp-x"))).isFalse();
  }
}
