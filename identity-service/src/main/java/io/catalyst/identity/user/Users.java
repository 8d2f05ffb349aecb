package io.catalyst.identity.user;

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

/** Users, their membership in an Organization, and their teams. */
@Repository
public class Users {

  private static final RowMapper<UserAccount> USER = (rs, i) -> new UserAccount(
      rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("phone"), rs.getString("password_hash"),
      rs.getString("display_name"), rs.getBoolean("email_verified"), rs.getBoolean("sovereign_admin"),
      rs.getInt("failed_logins"), instant(rs, "locked_until"), instant(rs, "created_at"));

  private static final RowMapper<Membership> MEMBERSHIP = (rs, i) -> new Membership(
      rs.getObject("user_id", UUID.class), rs.getString("organization"), strings(rs.getArray("roles")),
      strings(rs.getArray("environments")), instant(rs, "joined_at"));

  private final JdbcClient jdbc;

  public Users(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<UserAccount> byId(UUID id) {
    return jdbc.sql("select * from app_user where id = :id").param("id", id).query(USER).optional();
  }

  public Optional<UserAccount> byEmail(String email) {
    return jdbc.sql("select * from app_user where email = :email").param("email", email).query(USER).optional();
  }

  public Optional<UserAccount> byPhone(String phone) {
    return jdbc.sql("select * from app_user where phone = :phone").param("phone", phone).query(USER).optional();
  }

  public void insert(UserAccount user) {
    jdbc.sql("""
        insert into app_user (id, email, phone, password_hash, display_name, email_verified, sovereign_admin,
                              created_at)
        values (:id, :email, :phone, :hash, :name, :verified, :admin, :created)""")
        .param("id", user.id())
        .param("email", user.email())
        .param("phone", user.phone())
        .param("hash", user.passwordHash())
        .param("name", user.displayName())
        .param("verified", user.emailVerified())
        .param("admin", user.sovereignAdmin())
        .param("created", Timestamp.from(user.createdAt()))
        .update();
  }

  /** Locks the row for the rest of the transaction (concurrent logins of one account count failures correctly). */
  public Optional<UserAccount> lockById(UUID id) {
    return jdbc.sql("select * from app_user where id = :id for update").param("id", id).query(USER).optional();
  }

  public void recordLoginFailure(UUID id, int failures, Instant lockedUntil) {
    jdbc.sql("update app_user set failed_logins = :f, locked_until = :until where id = :id")
        .param("f", failures).param("until", lockedUntil == null ? null : Timestamp.from(lockedUntil))
        .param("id", id).update();
  }

  public void clearLoginFailures(UUID id) {
    jdbc.sql("update app_user set failed_logins = 0, locked_until = null where id = :id and failed_logins > 0")
        .param("id", id).update();
  }

  /** False when it was verified already. */
  public boolean markEmailVerified(UUID id) {
    return jdbc.sql("update app_user set email_verified = true where id = :id and not email_verified")
        .param("id", id).update() == 1;
  }

  public Optional<Membership> membership(UUID userId) {
    return jdbc.sql("select * from membership where user_id = :id").param("id", userId).query(MEMBERSHIP).optional();
  }

  public List<Membership> members(String organization) {
    return jdbc.sql("select * from membership where organization = :org order by joined_at, user_id")
        .param("org", organization).query(MEMBERSHIP).list();
  }

  public void addMembership(Membership membership) {
    jdbc.sql("""
        insert into membership (user_id, organization, roles, environments, joined_at)
        values (:user, :org, :roles, :envs, :joined)""")
        .param("user", membership.userId())
        .param("org", membership.organization())
        .param("roles", membership.roles().toArray(String[]::new))
        .param("envs", membership.environments().toArray(String[]::new))
        .param("joined", Timestamp.from(membership.joinedAt()))
        .update();
  }

  public void updateRoles(UUID userId, List<String> roles, List<String> environments) {
    jdbc.sql("update membership set roles = :roles, environments = :envs where user_id = :user")
        .param("roles", roles.toArray(String[]::new))
        .param("envs", environments.toArray(String[]::new))
        .param("user", userId).update();
  }

  public void removeMembership(UUID userId) {
    jdbc.sql("delete from team_member where user_id = :user").param("user", userId).update();
    jdbc.sql("delete from membership where user_id = :user").param("user", userId).update();
  }

  public List<String> teams(UUID userId) {
    return jdbc.sql("select team from team_member where user_id = :id order by team").param("id", userId)
        .query(String.class).list();
  }

  /** A page of an Organization's members with their contact and teams. */
  public List<MemberView> memberPage(String organization, int page, int size) {
    return jdbc.sql("""
        select m.*, u.email, u.phone, u.display_name,
               coalesce(array(select t.team from team_member t where t.user_id = m.user_id order by t.team),
                        '{}') as teams
          from membership m join app_user u on u.id = m.user_id
         where m.organization = :org
         order by m.joined_at, m.user_id limit :limit offset :offset""")
        .param("org", organization).param("limit", size).param("offset", (long) page * size)
        .query((rs, i) -> new MemberView(rs.getObject("user_id", UUID.class), rs.getString("display_name"),
            rs.getString("email"), rs.getString("phone"), strings(rs.getArray("roles")),
            strings(rs.getArray("environments")), strings(rs.getArray("teams")), instant(rs, "joined_at")))
        .list();
  }

  public long memberCount(String organization) {
    return jdbc.sql("select count(*) from membership where organization = :org").param("org", organization)
        .query(Long.class).single();
  }

  /** Locks every membership row of the Organization (role changes and removals serialize on it). */
  public List<Membership> lockMembers(String organization) {
    return jdbc.sql("select * from membership where organization = :org order by user_id for update")
        .param("org", organization).query(MEMBERSHIP).list();
  }

  public record MemberView(UUID userId, String displayName, String email, String phone, List<String> roles,
      List<String> environments, List<String> teams, Instant joinedAt) {}

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
