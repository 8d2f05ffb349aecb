package io.catalyst.audit.chain;

import java.time.Instant;
import java.util.List;

/**
 * The answer of a verification of one chain over a time range of ingest.
 *
 * @param organization   the chain: an Organization or {@code _sovereign}
 * @param valid          no record altered, none missing
 * @param checked        records read and recomputed
 * @param firstSequence  the first record's sequence in the range (null: none)
 * @param lastSequence   the last one's
 * @param firstBroken    the first record whose hash or predecessor link does not hold (null: none)
 * @param missing        sequence numbers absent from the chain, in order (at most {@link Verifier#MISSING_LISTED})
 * @param missingCount   how many are absent in all
 */
public record Verification(String organization, Instant from, Instant to, boolean valid, long checked,
    Long firstSequence, Long lastSequence, Broken firstBroken, List<Long> missing, long missingCount,
    Instant verifiedAt) {

  /** A record that does not verify: its sequence, event id and why. */
  public record Broken(long sequence, String eventId, String reason) {}
}
