package io.catalyst.it.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.it.support.Mesh;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A console session outlives its access token: when the token is due, the gateway renews it with the refresh
 * token (client_secret_basic, rotated by identity-service on every use) before relaying the request. The renewals
 * are read from identity-service's authorization records (one per console login).
 */
class SessionRefreshIT {

  @Test
  void theSessionKeepsWorkingAcrossRenewalsOfItsAccessToken() throws InterruptedException {
    Mesh.User user = Mesh.signUp(ConsoleLoginIT.uniqueSlug());
    Browser browser = ConsoleLoginIT.signedIn(user);
    String path = "/api/v1/identity/organizations/" + user.organization();
    Instant first = ConsoleAuthorizations.accessTokenIssuedAt(user.userId());

    Thread.sleep(Mesh.SESSION_TOKEN_RENEWED_AFTER.plusSeconds(1).toMillis());
    HttpResponse<String> afterFirstRenewal = browser.fetch(Browser.to(path).GET());
    assertThat(afterFirstRenewal.statusCode()).as(afterFirstRenewal.body()).isEqualTo(200);
    Instant second = ConsoleAuthorizations.accessTokenIssuedAt(user.userId());
    assertThat(second).as("a new access token was issued for the session").isAfter(first);

    // The second renewal needs the refresh token the first one rotated in: the gateway kept it in the session.
    Thread.sleep(Mesh.SESSION_TOKEN_RENEWED_AFTER.plusSeconds(1).toMillis());
    HttpResponse<String> afterSecondRenewal = browser.fetch(Browser.to(path).GET());
    assertThat(afterSecondRenewal.statusCode()).as(afterSecondRenewal.body()).isEqualTo(200);
    assertThat(ConsoleAuthorizations.accessTokenIssuedAt(user.userId())).isAfter(second);
  }
}
