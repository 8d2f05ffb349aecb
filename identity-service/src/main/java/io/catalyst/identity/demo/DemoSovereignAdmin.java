package io.catalyst.identity.demo;

import io.catalyst.identity.IdentityProperties;
import io.catalyst.identity.user.UserAccount;
import io.catalyst.identity.user.Users;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Local stack only: on the first start, a {@code sovereign-admin} login with a random password, written to the
 * demo-credentials file that {@code ./catalyst up} prints. Never again afterwards: an existing login is left alone
 * (its password is not reset).
 */
@Component
@ConditionalOnProperty(name = "catalyst.identity.demo.enabled", havingValue = "true")
public class DemoSovereignAdmin implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoSovereignAdmin.class);
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private final Users users;
  private final PasswordEncoder passwords;
  private final Clock clock;
  private final IdentityProperties.Demo demo;

  DemoSovereignAdmin(Users users, PasswordEncoder passwords, Clock clock, IdentityProperties properties) {
    this.users = users;
    this.passwords = passwords;
    this.clock = clock;
    this.demo = properties.demo();
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    createOnce();
  }

  /** Creates the login and writes its credentials; returns false when it existed already. */
  @Transactional
  public boolean createOnce() {
    if (users.byEmail(demo.email()).isPresent()) {
      return false;
    }
    String password = randomPassword();
    users.insert(UserAccount.newUser(UUID.randomUUID(), demo.email(), null, passwords.encode(password),
        "Sovereign admin", clock.instant()).asSovereignAdmin());
    Path file = credentialsFile();
    write(file, "email: " + demo.email() + "\npassword: " + password + "\nrole: sovereign-admin\n");
    log.info("Created the demo sovereign-admin {} with password {} (also in {})", demo.email(), password, file);
    return true;
  }

  Path credentialsFile() {
    if (demo.credentialsFile() != null) {
      return demo.credentialsFile();
    }
    String data = System.getenv("CATALYST_DATA");
    if (data == null || data.isBlank()) {
      String home = System.getenv("CATALYST_HOME");
      data = (home == null || home.isBlank() ? "." : home) + "/.catalyst";
    }
    return Path.of(data, "demo-credentials");
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, content);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the demo credentials to " + file, e);
    }
  }

  private static String randomPassword() {
    SecureRandom random = new SecureRandom();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      if (i > 0 && i % 5 == 0) {
        out.append('-');
      }
      out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }
}
