package io.catalyst.identity.signup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What makes a password acceptable (NIST SP 800-63B style: length over composition rules): 10 to 72 bytes (bcrypt
 * reads no further), not a known common password, not the user's own email or business name, not one repeated
 * character or an obvious run. The refusal says why.
 */
public final class PasswordPolicy {

  public static final int MIN_LENGTH = 10;
  public static final int MAX_BYTES = 72;
  private static final Set<String> COMMON = load();

  private PasswordPolicy() {}

  /** Why {@code password} is refused, or empty when it is acceptable. {@code context}: email, names. */
  public static Optional<String> problem(String password, String... context) {
    if (password == null || password.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
      return Optional.of("must be at least " + MIN_LENGTH + " characters long; a few unrelated words make a strong"
          + " one");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return Optional.of("must be at most " + MAX_BYTES + " bytes long");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (COMMON.contains(lower) || COMMON.contains(lower.replaceAll("[0-9!@#$%^&*.]+$", ""))) {
      return Optional.of("is one of the most common passwords and would be guessed quickly; choose another");
    }
    if (lower.chars().distinct().count() <= 2) {
      return Optional.of("repeats one or two characters; choose a less predictable password");
    }
    if (isRun(lower)) {
      return Optional.of("is a sequence such as 'abcdefghij' or '1234567890'; choose a less predictable password");
    }
    for (String c : context) {
      if (c == null || c.isBlank()) {
        continue;
      }
      String value = c.toLowerCase(Locale.ROOT);
      String local = value.contains("@") ? value.substring(0, value.indexOf('@')) : value;
      String compact = local.replaceAll("[^a-z0-9]", "");
      if (lower.equals(value) || (compact.length() >= 4 && lower.replaceAll("[^a-z0-9]", "").contains(compact))) {
        return Optional.of("must not contain your email address or business name");
      }
    }
    return Optional.empty();
  }

  private static boolean isRun(String s) {
    int step = s.charAt(1) - s.charAt(0);
    if (Math.abs(step) != 1) {
      return false;
    }
    for (int i = 2; i < s.length(); i++) {
      if (s.charAt(i) - s.charAt(i - 1) != step) {
        return false;
      }
    }
    return true;
  }

  private static Set<String> load() {
    Set<String> words = new HashSet<>();
    try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
      if (in == null) {
        throw new IllegalStateException("common-passwords.txt is missing");
      }
      new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
          .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(words::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(words);
  }
}
