package io.catalyst.identity.user;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** How phones and emails are written before they are compared or stored. */
public final class ContactNormalizer {

  private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{7,14}$");
  private static final Pattern EMAIL = Pattern.compile(
      "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
          + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

  private ContactNormalizer() {}

  /** {@code +968 9123-4567} → {@code +96891234567}; empty unless the result is an E.164 number. */
  public static Optional<String> phone(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String compact = raw.replaceAll("[\\s().-]", "");
    if (compact.startsWith("00")) {
      compact = "+" + compact.substring(2);
    }
    return E164.matcher(compact).matches() ? Optional.of(compact) : Optional.empty();
  }

  /** Trimmed and lower-cased; empty unless it looks like an address (at most 254 characters). */
  public static Optional<String> email(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String email = raw.trim().toLowerCase(Locale.ROOT);
    return email.length() <= 254 && EMAIL.matcher(email).matches() ? Optional.of(email) : Optional.empty();
  }
}
