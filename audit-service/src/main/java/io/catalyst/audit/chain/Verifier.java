package io.catalyst.audit.chain;

import io.catalyst.audit.record.AuditRecord;
import io.catalyst.audit.record.AuditRecords;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes a chain (docs/audit.md, Verify): every record's hash over its canonical form, every predecessor link, and
 * every sequence number from the first of the range (or 1) to the last (or the chain head when the range is open),
 * reading the records through a cursor in one repeatable-read snapshot.
 */
@Service
public class Verifier {

  /** Missing sequence numbers listed in an answer; the count says how many there are in all. */
  public static final int MISSING_LISTED = 1000;

  private final AuditRecords records;
  private final ChainHeads heads;
  private final TransactionTemplate snapshot;
  private final Clock clock;

  Verifier(AuditRecords records, ChainHeads heads, PlatformTransactionManager transactions, Clock clock) {
    this.records = records;
    this.heads = heads;
    this.snapshot = new TransactionTemplate(transactions);
    this.snapshot.setReadOnly(true);
    this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    this.clock = clock;
  }

  public Verification verify(String chain, Instant from, Instant to) {
    return snapshot.execute(status -> {
      Walk walk = new Walk(chain, from);
      long head = heads.find(chain).map(ChainHeads.Head::lastSequence).orElse(0L);
      records.streamChain(chain, from, to, walk::next);
      if (to == null && head >= walk.expected) {
        walk.missing(walk.expected, head); // the newest records are gone
      }
      return new Verification(chain, from, to, walk.broken == null && walk.missingCount == 0, walk.checked,
          walk.first, walk.last, walk.broken, List.copyOf(walk.missing), walk.missingCount, clock.instant());
    });
  }

  /** The state of one pass over a chain. */
  private final class Walk {
    final String chain;
    final Instant from;
    long expected = 1;
    String previousHash;
    boolean started;
    long checked;
    Long first;
    Long last;
    Verification.Broken broken;
    final List<Long> missing = new ArrayList<>();
    long missingCount;

    Walk(String chain, Instant from) {
      this.chain = chain;
      this.from = from;
    }

    void next(AuditRecord r) {
      if (!started) {
        started = true;
        first = r.sequence();
        if (r.sequence() > 1) {
          // The predecessor of the range's first record anchors it; without a start, everything before is missing.
          Optional<AuditRecord> before = from == null ? Optional.empty() : records.at(chain, r.sequence() - 1);
          if (before.isPresent()) {
            previousHash = before.get().hash();
          } else {
            missing(from == null ? 1 : r.sequence() - 1, r.sequence() - 1);
          }
        }
      } else if (r.sequence() != expected) {
        missing(expected, r.sequence() - 1);
        previousHash = null; // the link to a missing record cannot be checked
      }
      checked++;
      last = r.sequence();
      if (broken == null) {
        String reason = reason(r);
        if (reason != null) {
          broken = new Verification.Broken(r.sequence(), r.eventId(), reason);
        }
      }
      previousHash = r.hash();
      expected = r.sequence() + 1;
    }

    String reason(AuditRecord r) {
      if (!ChainHash.hash(r).equals(r.hash())) {
        return "Record " + r.sequence() + " does not match its hash: a field was altered after it was stored.";
      }
      if (r.sequence() == 1 && r.previousHash() != null) {
        return "Record 1 names a predecessor, but it is the first of its chain.";
      }
      if (previousHash != null && !Objects.equals(previousHash, r.previousHash())) {
        return "Record " + r.sequence() + " names a predecessor hash that is not record " + (r.sequence() - 1)
            + "'s: the chain was rewritten.";
      }
      return null;
    }

    void missing(long fromSequence, long toSequence) {
      for (long s = fromSequence; s <= toSequence; s++) {
        if (missing.size() < MISSING_LISTED) {
          missing.add(s);
        }
        missingCount++;
      }
    }
  }
}
