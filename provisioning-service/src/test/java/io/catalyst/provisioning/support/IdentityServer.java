package io.catalyst.provisioning.support;

import io.catalyst.platform.testkit.ServiceProcess;
import io.catalyst.platform.testkit.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real identity-service, started once per test JVM as its own process from its built jar (the reactor builds it
 * before this module), on the test kit's PostgreSQL ({@code identity_it}) and Kafka. It trusts the test kit's tokens
 * besides its own ({@code catalyst.identity.also-trust-jwk-set-uri}, meant for tests), so this service's
 * client-credentials token from the test kit reaches it. Organizations and teams are made through its public API:
 * {@link #organizationWithTeams}. Stopped when the JVM exits.
 */
public final class IdentityServer {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static volatile ServiceProcess process;

  private IdentityServer() {}

  /** identity-service's base URL, starting it on first use. */
  public static synchronized String url() {
    if (process == null) {
      List<String> args = new ArrayList<>(ServiceProcess.database("identity_it"));
      args.addAll(ServiceProcess.kafka());
      args.addAll(List.of(
          "--catalyst.security.jwk-set-uri=" + TestTokens.jwksUri(),
          "--catalyst.security.token-uri=" + TestTokens.tokenUri(),
          "--catalyst.sovereign.public-url=" + TestTokens.ISSUER,
          "--catalyst.identity.also-trust-jwk-set-uri=" + TestTokens.jwksUri(),
          "--catalyst.identity.demo.enabled=false",
          // every sign-up of the suite comes from this one address; the dev inbox (on by default) holds the codes
          "--catalyst.identity.otp.sends-per-ip-per-hour=100000",
          "--catalyst.identity.otp.verifications-per-ip-per10-minutes=100000"));
      process = ServiceProcess.start("identity-service", ServiceProcess.freePort(), args);
    }
    return process.url();
  }

  /**
   * Signs up the Organization {@code slug} (email sign-up, its first user becomes org-admin) and creates
   * {@code teams} in it with that user's token.
   */
  public static void organizationWithTeams(String slug, String... teams) {
    String base = url();
    String accessToken = signUp(slug);
    for (String team : teams) {
      HttpResponse<String> created = post(base + "/api/v1/identity/organizations/" + slug + "/teams",
          accessToken, "{\"name\":\"" + team + "\"}");
      if (created.statusCode() != 201) {
        throw new IllegalStateException("Creating " + team + " answered " + created.statusCode() + ": "
            + created.body());
      }
    }
  }

  /**
   * Signs up the Organization {@code slug} by email as a person would (the code mailed to the address, read from the
   * dev inbox, then the sign-up) and answers the org-admin's access token.
   */
  public static String signUp(String slug) {
    String base = url();
    String email = "owner@" + slug + ".example";
    HttpResponse<String> sent = post(base + "/api/v1/identity/otp", null, "{\"email\":\"" + email + "\"}");
    if (sent.statusCode() != 202) {
      throw new IllegalStateException("The code for " + email + " answered " + sent.statusCode() + ": " + sent.body());
    }
    Matcher code = Pattern.compile("code is (\\d{6})").matcher(get(base + "/api/v1/identity/dev/inbox?to=" + email)
        .body());
    if (!code.find()) {
      throw new IllegalStateException("No code mailed to " + email);
    }
    HttpResponse<String> signup = post(base + "/api/v1/identity/signup/email", null, """
        {"email":"%s","code":"%s","password":"Quiet-Harbour-Lantern-42","businessName":"Business %s",
         "organization":"%s","name":"Owner"}""".formatted(email, code.group(1), slug, slug));
    if (signup.statusCode() != 201) {
      throw new IllegalStateException("Sign-up of " + slug + " answered " + signup.statusCode() + ": "
          + signup.body());
    }
    Matcher token = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"").matcher(signup.body());
    if (!token.find()) {
      throw new IllegalStateException("No access token in " + signup.body());
    }
    return token.group(1);
  }

  /** GET with this service's client-credentials token of the test kit (e.g. the teams of an Organization). */
  public static HttpResponse<String> get(String uri) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + TestTokens.service("provisioning-service")).GET().build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> post(String uri, String bearer, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
