package io.catalyst.audit.checkpoint;

import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code audit_checkpoint} table. */
@Repository
class Checkpoints {

  private static final RowMapper<Checkpoint> ROW = (rs, n) -> new Checkpoint(rs.getString("chain"),
      rs.getLong("sequence"), rs.getString("hash"), rs.getTimestamp("signed_at").toInstant(), rs.getString("key_id"),
      rs.getString("signature"));

  private final JdbcClient jdbc;

  Checkpoints(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void add(Checkpoint c) {
    jdbc.sql("""
        insert into audit_checkpoint (chain, sequence, hash, signed_at, key_id, signature)
        values (:chain, :sequence, :hash, :signedAt, :keyId, :signature)""")
        .param("chain", c.chain()).param("sequence", c.sequence()).param("hash", c.hash())
        .param("signedAt", Timestamp.from(c.signedAt())).param("keyId", c.keyId()).param("signature", c.signature())
        .update();
  }

  /** The newest {@code limit} checkpoints of {@code chain}, newest first. */
  List<Checkpoint> of(String chain, int limit) {
    return jdbc.sql("select * from audit_checkpoint where chain = :chain order by id desc limit :limit")
        .param("chain", chain).param("limit", limit).query(ROW).list();
  }

  /** The sequence of the newest checkpoint per chain. */
  java.util.Map<String, Long> latestSequences() {
    java.util.Map<String, Long> latest = new java.util.HashMap<>();
    jdbc.sql("select chain, max(sequence) from audit_checkpoint group by chain")
        .query(rs -> {
          latest.put(rs.getString(1), rs.getLong(2));
        });
    return latest;
  }
}
