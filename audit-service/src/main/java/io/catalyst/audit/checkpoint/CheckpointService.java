package io.catalyst.audit.checkpoint;

import io.catalyst.audit.chain.ChainHeads;
import io.catalyst.audit.record.AuditRecord;
import io.catalyst.audit.record.AuditRecords;
import io.catalyst.platform.web.problem.ProblemException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Signs chain heads (docs/audit.md, Checkpoints): on demand, and every {@code catalyst.audit.checkpoint.interval}
 * (1 hour) for each chain that grew since its last checkpoint.
 */
@Service
public class CheckpointService {

  private static final Logger log = LoggerFactory.getLogger(CheckpointService.class);

  /**
   * A checkpoint with what it says today: whether the stored record at its sequence still has its hash, and whether
   * its signature holds under the published key.
   */
  public record Checked(String chain, long sequence, String hash, java.time.Instant signedAt, String keyId,
      String signature, String statement, boolean recordMatches, boolean signatureValid) {}

  private final ChainHeads heads;
  private final AuditRecords records;
  private final Checkpoints checkpoints;
  private final SigningKeys keys;
  private final Clock clock;

  CheckpointService(ChainHeads heads, AuditRecords records, Checkpoints checkpoints, SigningKeys keys, Clock clock) {
    this.heads = heads;
    this.records = records;
    this.checkpoints = checkpoints;
    this.keys = keys;
    this.clock = clock;
  }

  /** Signs {@code chain}'s head now; 409 when the chain has no records yet. */
  public Checkpoint sign(String chain) {
    ChainHeads.Head head = heads.find(chain).filter(h -> h.lastSequence() > 0)
        .orElseThrow(() -> ProblemException.conflict("The chain " + chain + " has no records to checkpoint yet."));
    String kid = keys.current();
    Checkpoint unsigned = new Checkpoint(chain, head.lastSequence(), head.lastHash(),
        clock.instant().truncatedTo(ChronoUnit.MICROS), kid, null);
    Checkpoint signed = new Checkpoint(unsigned.chain(), unsigned.sequence(), unsigned.hash(), unsigned.signedAt(),
        kid, keys.sign(kid, unsigned.statement()));
    checkpoints.add(signed);
    return signed;
  }

  /** Every chain that grew since its last checkpoint gets one. */
  @Scheduled(fixedDelayString = "${catalyst.audit.checkpoint.interval:PT1H}",
      initialDelayString = "${catalyst.audit.checkpoint.interval:PT1H}")
  public void signGrownChains() {
    Map<String, Long> latest = checkpoints.latestSequences();
    for (ChainHeads.Head head : heads.all()) {
      if (head.lastSequence() > latest.getOrDefault(head.chain(), 0L)) {
        try {
          sign(head.chain());
        } catch (RuntimeException e) {
          log.warn("Could not checkpoint chain {}: {}", head.chain(), e.toString());
        }
      }
    }
  }

  /** The newest checkpoints of {@code chain}, newest first, each checked against the records and the keys. */
  public List<Checked> list(String chain, int limit) {
    Map<String, String> published = keys.published().stream()
        .collect(Collectors.toMap(SigningKeys.PublicKeyInfo::kid, SigningKeys.PublicKeyInfo::publicKey));
    return checkpoints.of(chain, limit).stream().map(c -> {
      Optional<String> stored = records.at(chain, c.sequence()).map(AuditRecord::hash);
      String key = published.get(c.keyId());
      return new Checked(c.chain(), c.sequence(), c.hash(), c.signedAt(), c.keyId(), c.signature(), c.statement(),
          stored.map(h -> Objects.equals(h, c.hash())).orElse(false),
          key != null && SigningKeys.verify(key, c.statement(), c.signature()));
    }).toList();
  }

}
