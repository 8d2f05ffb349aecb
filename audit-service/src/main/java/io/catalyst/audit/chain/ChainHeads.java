package io.catalyst.audit.chain;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code audit_chain} table: each chain's last sequence and hash. */
@Repository
public class ChainHeads {

  /** The head of a chain: its last record's sequence (0: empty) and hash (null: empty). */
  public record Head(String chain, long lastSequence, String lastHash) {}

  private final JdbcClient jdbc;

  ChainHeads(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The head of {@code chain}, made empty if it is new, locked until the transaction ends: appends to one chain
   * happen one at a time, in whichever process.
   */
  Head lock(String chain, Instant now) {
    Optional<Head> head = jdbc.sql("select chain, last_sequence, last_hash from audit_chain where chain = :chain for update")
        .param("chain", chain).query((rs, n) -> new Head(rs.getString(1), rs.getLong(2), rs.getString(3))).optional();
    if (head.isPresent()) {
      return head.get();
    }
    jdbc.sql("""
        insert into audit_chain (chain, last_sequence, last_hash, updated_at) values (:chain, 0, null, :now)
        on conflict do nothing""").param("chain", chain).param("now", Timestamp.from(now)).update();
    return jdbc.sql("select chain, last_sequence, last_hash from audit_chain where chain = :chain for update")
        .param("chain", chain).query((rs, n) -> new Head(rs.getString(1), rs.getLong(2), rs.getString(3))).single();
  }

  void advance(String chain, long sequence, String hash, Instant now) {
    jdbc.sql("update audit_chain set last_sequence = :sequence, last_hash = :hash, updated_at = :now where chain = :chain")
        .param("chain", chain).param("sequence", sequence).param("hash", hash).param("now", Timestamp.from(now))
        .update();
  }

  /** Every chain's head. */
  public java.util.List<Head> all() {
    return jdbc.sql("select chain, last_sequence, last_hash from audit_chain order by chain")
        .query((rs, n) -> new Head(rs.getString(1), rs.getLong(2), rs.getString(3))).list();
  }

  public Optional<Head> find(String chain) {
    return jdbc.sql("select chain, last_sequence, last_hash from audit_chain where chain = :chain")
        .param("chain", chain).query((rs, n) -> new Head(rs.getString(1), rs.getLong(2), rs.getString(3)))
        .optional();
  }
}
