package io.catalyst.promotion.promotion;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code promotion}: an Application promoted from one Environment's branch to the next one's. */
public record Promotion(UUID id, String organization, String application, String sourceEnvironment,
    String targetEnvironment, String sourceSha, State state, String requestedBy, String decidedBy, String reason,
    Instant createdAt, Instant updatedAt) {

  public enum State {
    OPEN("open"), MERGED("merged"), CLOSED("closed"), SUPERSEDED("superseded");

    final String value;

    State(String value) {
      this.value = value;
    }

    static State of(String value) {
      for (State s : values()) {
        if (s.value.equals(value)) {
          return s;
        }
      }
      throw new IllegalArgumentException(value);
    }
  }
}
