package io.catalyst.audit.chain;

import io.catalyst.audit.record.AuditRecord;
import io.catalyst.audit.record.AuditRecords;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends records to their chain (docs/audit.md, Chain): under the chain head's row lock, the record gets the next
 * sequence number and its predecessor's hash, then its own hash over the canonical form, and the head moves on.
 */
@Service
public class AuditChain {

  private final ChainHeads heads;
  private final AuditRecords records;
  private final Clock clock;

  AuditChain(ChainHeads heads, AuditRecords records, Clock clock) {
    this.heads = heads;
    this.records = records;
    this.clock = clock;
  }

  /** Chains and stores {@code draft}; false when its event is stored already (nothing changes then). */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean append(AuditRecord draft) {
    ChainHeads.Head head = heads.lock(draft.chain(), clock.instant());
    long sequence = head.lastSequence() + 1;
    AuditRecord placed = draft.chained(sequence, head.lastHash(), null);
    AuditRecord chained = placed.chained(sequence, head.lastHash(), ChainHash.hash(placed));
    if (!records.append(chained)) {
      return false; // stored already (a replay under another consumer name); the head stays where it was
    }
    heads.advance(draft.chain(), sequence, chained.hash(), clock.instant());
    return true;
  }
}
