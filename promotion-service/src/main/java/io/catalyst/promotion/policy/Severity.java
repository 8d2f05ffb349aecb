package io.catalyst.promotion.policy;

import java.util.Optional;

/** Whether a failing rule stops the merge ({@code blocking}, the default) or only warns ({@code advisory}). */
public enum Severity {
  BLOCKING("blocking"), ADVISORY("advisory");

  private final String value;

  Severity(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  public static Optional<Severity> of(String value) {
    for (Severity s : values()) {
      if (s.value.equals(value)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
