package io.catalyst.identity.member;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class Invitations {

  private static final RowMapper<Invitation> ROW = (rs, i) -> new Invitation(rs.getObject("id", UUID.class),
      rs.getString("organization"), rs.getString("email"), rs.getString("phone"), strings(rs.getArray("roles")),
      strings(rs.getArray("environments")), rs.getString("invited_by"), instant(rs, "created_at"),
      instant(rs, "expires_at"), instant(rs, "accepted_at"), rs.getObject("accepted_by", UUID.class),
      instant(rs, "revoked_at"));

  private final JdbcClient jdbc;

  Invitations(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Invitation i, byte[] tokenHash) {
    jdbc.sql("""
        insert into invitation (id, organization, token_hash, email, phone, roles, environments, invited_by,
                                created_at, expires_at)
        values (:id, :org, :hash, :email, :phone, :roles, :envs, :by, :created, :expires)""")
        .param("id", i.id()).param("org", i.organization()).param("hash", tokenHash).param("email", i.email())
        .param("phone", i.phone()).param("roles", i.roles().toArray(String[]::new))
        .param("envs", i.environments().toArray(String[]::new)).param("by", i.invitedBy())
        .param("created", Timestamp.from(i.createdAt())).param("expires", Timestamp.from(i.expiresAt())).update();
  }

  /** The invitation of {@code token}, locked for the rest of the transaction (two accepts cannot both succeed). */
  Optional<Invitation> lock(String token) {
    return jdbc.sql("select * from invitation where token_hash = :hash for update")
        .param("hash", InvitationTokens.hash(token)).query(ROW).optional();
  }

  void markAccepted(UUID id, UUID user, Instant now) {
    jdbc.sql("update invitation set accepted_at = :now, accepted_by = :user where id = :id")
        .param("now", Timestamp.from(now)).param("user", user).param("id", id).update();
  }

  Optional<Invitation> lockById(String organization, UUID id) {
    return jdbc.sql("select * from invitation where id = :id and organization = :org for update")
        .param("id", id).param("org", organization).query(ROW).optional();
  }

  void markRevoked(UUID id, Instant now) {
    jdbc.sql("update invitation set revoked_at = :now where id = :id").param("now", Timestamp.from(now))
        .param("id", id).update();
  }

  List<Invitation> of(String organization, int page, int size) {
    return jdbc.sql("select * from invitation where organization = :org order by created_at desc, id"
            + " limit :limit offset :offset")
        .param("org", organization).param("limit", size).param("offset", (long) page * size).query(ROW).list();
  }

  long count(String organization) {
    return jdbc.sql("select count(*) from invitation where organization = :org").param("org", organization)
        .query(Long.class).single();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
