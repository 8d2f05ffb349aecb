package io.catalyst.audit.checkpoint;

import java.time.Instant;

/**
 * A chain's head signed at a moment: record {@code sequence} of {@code chain} had {@code hash}. The signed statement
 * is {@link #statement()}.
 */
public record Checkpoint(String chain, long sequence, String hash, Instant signedAt, String keyId, String signature) {

  /** The statement's version tag (its first line). */
  public static final String VERSION = "catalyst-audit-checkpoint-v1";

  /**
   * What is signed, as UTF-8: five lines joined by {@code \n}, no final newline: the version tag, the chain, the
   * sequence (decimal), the hash (hex), the signing time ({@code Instant.toString()}, microseconds).
   */
  public String statement() {
    return String.join("\n", VERSION, chain, Long.toString(sequence), hash, signedAt.toString());
  }
}
