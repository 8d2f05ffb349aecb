package io.catalyst.identity.team;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class Teams {

  private final JdbcClient jdbc;

  Teams(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  record Team(String organization, String name, String displayName, Instant createdAt, long members) {}

  private static final String SELECT = """
      select t.*, (select count(*) from team_member m where m.organization = t.organization and m.team = t.name)
             as members from team t""";

  Optional<Team> find(String org, String name) {
    return jdbc.sql(SELECT + " where t.organization = :org and t.name = :name").param("org", org)
        .param("name", name).query(Teams::row).optional();
  }

  List<Team> of(String org, int page, int size) {
    return jdbc.sql(SELECT + " where t.organization = :org order by t.name limit :limit offset :offset")
        .param("org", org).param("limit", size).param("offset", (long) page * size).query(Teams::row).list();
  }

  long count(String org) {
    return jdbc.sql("select count(*) from team where organization = :org").param("org", org).query(Long.class)
        .single();
  }

  /** False when the name is taken. */
  boolean insert(String org, String name, String displayName, Instant now) {
    return jdbc.sql("""
        insert into team (organization, name, display_name, created_at) values (:org, :name, :display, :now)
        on conflict do nothing""").param("org", org).param("name", name).param("display", displayName)
        .param("now", Timestamp.from(now)).update() == 1;
  }

  void rename(String org, String name, String displayName) {
    jdbc.sql("update team set display_name = :display where organization = :org and name = :name")
        .param("display", displayName).param("org", org).param("name", name).update();
  }

  /** Deletes the team and its memberships (foreign key cascade); false when there was none. */
  boolean delete(String org, String name) {
    return jdbc.sql("delete from team where organization = :org and name = :name").param("org", org)
        .param("name", name).update() == 1;
  }

  boolean addMember(String org, String team, UUID user) {
    return jdbc.sql("""
        insert into team_member (organization, team, user_id) values (:org, :team, :user) on conflict do nothing""")
        .param("org", org).param("team", team).param("user", user).update() == 1;
  }

  boolean removeMember(String org, String team, UUID user) {
    return jdbc.sql("delete from team_member where organization = :org and team = :team and user_id = :user")
        .param("org", org).param("team", team).param("user", user).update() == 1;
  }

  boolean isMember(String org, String team, UUID user) {
    return jdbc.sql("""
        select count(*) from team_member where organization = :org and team = :team and user_id = :user""")
        .param("org", org).param("team", team).param("user", user).query(Long.class).single() > 0;
  }

  List<UUID> members(String org, String team, int page, int size) {
    return jdbc.sql("""
        select user_id from team_member where organization = :org and team = :team order by user_id
         limit :limit offset :offset""").param("org", org).param("team", team).param("limit", size)
        .param("offset", (long) page * size).query(UUID.class).list();
  }

  private static Team row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new Team(rs.getString("organization"), rs.getString("name"), rs.getString("display_name"),
        rs.getTimestamp("created_at").toInstant(), rs.getLong("members"));
  }
}
