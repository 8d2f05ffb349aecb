package io.catalyst.platform.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SuspendedOrganizationsTest {

  final SuspendedOrganizations suspended = new SuspendedOrganizations();

  static Caller user(String org, String... roles) {
    return new Caller("u-" + org, org, Set.of(roles), Set.of(), Set.of());
  }

  @Test
  void callersOfASuspendedOrganizationAreRefusedServicesAndSovereignAdminsNever() {
    suspended.replaceAll(Set.of("acme"));
    assertThat(suspended.refuses(user("acme", "org-admin"))).isTrue();
    assertThat(suspended.refuses(Caller.ofPersonalAccessToken("u", "acme", Set.of("org-viewer"), Set.of(), Set.of(),
        Set.of("api:read")))).isTrue();
    assertThat(suspended.refuses(user("bank-dhofar", "org-admin"))).isFalse();
    assertThat(suspended.refuses(new Caller("catalog-service", null, Set.of("service"), Set.of(), Set.of()))).isFalse();
    assertThat(suspended.refuses(new Caller("catalog-service", "acme", Set.of("service"), Set.of(), Set.of())))
        .as("a service is never refused, even naming the Organization").isFalse();
    assertThat(suspended.refuses(new Caller("root", null, Set.of("sovereign-admin"), Set.of(), Set.of()))).isFalse();
    assertThat(suspended.refuses(Caller.ANONYMOUS)).isFalse();
  }

  @Test
  void singleChangesApplyAtOnceAndAPollReplacesTheWholeSet() {
    suspended.suspended("acme");
    suspended.suspended("bank-dhofar");
    assertThat(suspended.isSuspended("acme")).isTrue();
    suspended.reactivated("acme");
    assertThat(suspended.current()).containsExactly("bank-dhofar");
    suspended.replaceAll(Set.of("muscat-pharmacy"));
    assertThat(suspended.current()).containsExactly("muscat-pharmacy");
    assertThat(suspended.refreshedAt()).isNotNull();
    assertThat(suspended.isSuspended(null)).isFalse();
  }

  @Test
  void whenIdentityCannotBeReachedTheLastKnownListStays() {
    AtomicReference<Set<String>> identity = new AtomicReference<>(Set.of("acme"));
    SuspendedOrganizationsPoller poller = new SuspendedOrganizationsPoller(() -> {
      Set<String> answer = identity.get();
      if (answer == null) {
        throw new IdentityUnavailableException("connection refused");
      }
      return answer;
    }, suspended, java.time.Duration.ofSeconds(30));
    assertThat(poller.refresh()).isTrue();
    assertThat(suspended.isSuspended("acme")).isTrue();
    identity.set(null);
    assertThat(poller.refresh()).isFalse();
    assertThat(poller.refresh()).isFalse();
    assertThat(suspended.isSuspended("acme")).as("kept while identity is down").isTrue();
    identity.set(Set.of());
    assertThat(poller.refresh()).isTrue();
    assertThat(suspended.isSuspended("acme")).as("reactivated").isFalse();
  }
}
