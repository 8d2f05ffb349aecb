package io.catalyst.audit.record;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code audit_record} table: appended to, read, never changed (the runtime login cannot). */
@Repository
public class AuditRecords {

  /** Rows fetched per round trip when a whole chain or range is read (verify, export): memory stays flat. */
  static final int FETCH_SIZE = 500;

  private static final String COLUMNS = """
      id, event_id, chain, sequence, previous_hash, hash, organization, environment, application, actor_kind, actor,
      actor_roles, surface, action, resource, source, outcome, correlation_id, trace_id, occurred_at, ingested_at,
      changes, event""";

  static final RowMapper<AuditRecord> ROW = (rs, n) -> read(rs);

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  public AuditRecords(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  /** Appends a chained record; false (nothing written) when its event is stored already. */
  public boolean append(AuditRecord r) {
    return jdbc.sql("""
        insert into audit_record (event_id, chain, sequence, previous_hash, hash, organization, environment,
            application, actor_kind, actor, actor_roles, surface, action, resource, source, outcome, correlation_id,
            trace_id, occurred_at, ingested_at, changes, event)
        values (:eventId, :chain, :sequence, :previousHash, :hash, :organization, :environment, :application,
            :actorKind, :actor, :actorRoles, :surface, :action, :resource, :source, :outcome, :correlationId,
            :traceId, :occurredAt, :ingestedAt, :changes, :event)
        on conflict (event_id) do nothing""")
        .param("eventId", r.eventId()).param("chain", r.chain()).param("sequence", r.sequence())
        .param("previousHash", r.previousHash()).param("hash", r.hash()).param("organization", r.organization())
        .param("environment", r.environment()).param("application", r.application())
        .param("actorKind", r.actorKind()).param("actor", r.actor()).param("actorRoles", r.actorRoles())
        .param("surface", r.surface()).param("action", r.action()).param("resource", r.resource())
        .param("source", r.source()).param("outcome", r.outcome()).param("correlationId", r.correlationId())
        .param("traceId", r.traceId()).param("occurredAt", timestamp(r.occurredAt()))
        .param("ingestedAt", timestamp(r.ingestedAt())).param("changes", r.changes()).param("event", r.event())
        .update() == 1;
  }

  public Optional<AuditRecord> find(String eventId) {
    return jdbc.sql("select " + COLUMNS + " from audit_record where event_id = :id").param("id", eventId)
        .query(ROW).optional();
  }

  /** The record of {@code chain} at {@code sequence}, if it is there. */
  public Optional<AuditRecord> at(String chain, long sequence) {
    return jdbc.sql("select " + COLUMNS + " from audit_record where chain = :chain and sequence = :sequence")
        .param("chain", chain).param("sequence", sequence).query(ROW).optional();
  }

  /** One page, newest first, of the records {@code filter} selects. */
  public List<AuditRecord> page(RecordFilter filter) {
    MapSqlParameterSource params = new MapSqlParameterSource();
    StringBuilder sql = new StringBuilder("select " + COLUMNS + " from audit_record where true");
    where(filter, sql, params);
    if (filter.beforeId() != null) {
      sql.append(" and id < :beforeId");
      params.addValue("beforeId", filter.beforeId());
    }
    sql.append(" order by id desc limit :limit");
    params.addValue("limit", filter.limit());
    return new NamedParameterJdbcTemplate(template).query(sql.toString(), params, ROW);
  }

  /**
   * Every record of {@code chain} ingested in [{@code from}, {@code to}) (either may be null: open), by sequence,
   * handed to {@code each} one at a time through a cursor of {@link #FETCH_SIZE} rows. Call it inside a transaction
   * (PostgreSQL keeps a cursor only there; without one the driver reads everything).
   */
  public void streamChain(String chain, Instant from, Instant to, Consumer<AuditRecord> each) {
    MapSqlParameterSource params = new MapSqlParameterSource("chain", chain);
    StringBuilder sql = new StringBuilder("select " + COLUMNS + " from audit_record where chain = :chain");
    range(from, to, sql, params);
    sql.append(" order by sequence");
    stream(sql.toString(), params, each);
  }

  /** Like {@link #streamChain} for what {@code filter} selects (its limit and cursor ignored), oldest first. */
  public void stream(RecordFilter filter, Consumer<AuditRecord> each) {
    MapSqlParameterSource params = new MapSqlParameterSource();
    StringBuilder sql = new StringBuilder("select " + COLUMNS + " from audit_record where true");
    where(filter, sql, params);
    sql.append(" order by id");
    stream(sql.toString(), params, each);
  }

  private void stream(String sql, MapSqlParameterSource params, Consumer<AuditRecord> each) {
    JdbcTemplate cursor = new JdbcTemplate(template.getDataSource());
    cursor.setFetchSize(FETCH_SIZE);
    new NamedParameterJdbcTemplate(cursor).query(sql, params, rs -> {
      each.accept(read(rs));
    });
  }

  private static void where(RecordFilter f, StringBuilder sql, MapSqlParameterSource params) {
    if (f.chain() != null) {
      sql.append(" and chain = :chain");
      params.addValue("chain", f.chain());
    }
    if (f.actor() != null) {
      sql.append(" and actor = :actor");
      params.addValue("actor", f.actor());
    }
    if (f.action() != null) {
      sql.append(" and action = :action");
      params.addValue("action", f.action());
    }
    if (f.resourcePrefix() != null) {
      sql.append(" and starts_with(resource, :resource)");
      params.addValue("resource", f.resourcePrefix());
    }
    if (f.surface() != null) {
      sql.append(" and surface = :surface");
      params.addValue("surface", f.surface());
    }
    if (f.application() != null) {
      sql.append(" and application = :application");
      params.addValue("application", f.application());
    }
    range(f.from(), f.to(), sql, params);
  }

  private static void range(Instant from, Instant to, StringBuilder sql, MapSqlParameterSource params) {
    if (from != null) {
      sql.append(" and ingested_at >= :from");
      params.addValue("from", timestamp(from));
    }
    if (to != null) {
      sql.append(" and ingested_at < :to");
      params.addValue("to", timestamp(to));
    }
  }

  static AuditRecord read(ResultSet rs) throws SQLException {
    return new AuditRecord(rs.getLong("id"), rs.getString("event_id"), rs.getString("chain"), rs.getLong("sequence"),
        rs.getString("previous_hash"), rs.getString("hash"), rs.getString("organization"),
        rs.getString("environment"), rs.getString("application"), rs.getString("actor_kind"),
        rs.getString("actor"), rs.getString("actor_roles"), rs.getString("surface"), rs.getString("action"),
        rs.getString("resource"), rs.getString("source"), rs.getString("outcome"), rs.getString("correlation_id"),
        rs.getString("trace_id"), instant(rs.getTimestamp("occurred_at")), instant(rs.getTimestamp("ingested_at")),
        rs.getString("changes"), rs.getString("event"));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static Timestamp timestamp(Instant t) {
    return t == null ? null : Timestamp.from(t);
  }
}
