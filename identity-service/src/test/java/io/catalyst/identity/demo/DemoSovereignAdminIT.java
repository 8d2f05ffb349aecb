package io.catalyst.identity.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.identity.IdentityProperties;
import io.catalyst.identity.support.IdentityIntegrationTest;
import io.catalyst.identity.user.Users;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

class DemoSovereignAdminIT extends IdentityIntegrationTest {

  @Autowired Users users;
  @Autowired PasswordEncoder passwords;

  @Test
  void createsTheSovereignAdminOnceAndWritesItsCredentials(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("data/demo-credentials");
    String email = "admin-" + uniqueSlug("d") + "@catalyst.localhost";
    DemoSovereignAdmin demo = new DemoSovereignAdmin(users, passwords, clock,
        new IdentityProperties(null, null, null, null, null, null,
            new IdentityProperties.Demo(true, email, file), null, null));
    assertThat(demo.createOnce()).isTrue();
    String written = Files.readString(file);
    assertThat(written).contains("email: " + email).contains("role: sovereign-admin");
    String password = written.lines().filter(l -> l.startsWith("password: ")).findFirst().orElseThrow()
        .substring("password: ".length());

    assertThat(demo.createOnce()).as("only once").isFalse();
    assertThat(Files.readString(file)).isEqualTo(written);

    JsonNode tokens = body(mvc.perform(postJson("/api/v1/identity/login/password",
        Map.of("email", email, "password", password))).andReturn());
    Map<String, Object> claims = claims(tokens.get("accessToken").asString());
    assertThat(claims).containsEntry("roles", List.of("sovereign-admin")).doesNotContainKey("org");
  }
}
