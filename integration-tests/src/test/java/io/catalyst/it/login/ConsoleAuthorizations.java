package io.catalyst.it.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.platform.testkit.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * What identity-service's authorization server recorded about a user's console login (Spring Authorization Server's
 * {@code oauth2_authorization}, one row per login, updated at each refresh): the only place a test can see that the
 * gateway renewed or revoked tokens it never shows the browser.
 */
final class ConsoleAuthorizations {

  private ConsoleAuthorizations() {}

  /** When the current access token of {@code userId}'s latest console login was issued. */
  static Instant accessTokenIssuedAt(String userId) {
    return latest(userId, "access_token_issued_at", rows -> rows.getTimestamp(1).toInstant());
  }

  /** Whether the refresh token of {@code userId}'s latest console login has been revoked (invalidated). */
  static boolean refreshTokenRevoked(String userId) {
    return latest(userId, "refresh_token_metadata",
        rows -> rows.getString(1).replace(" ", "").contains("\"metadata.token.invalidated\":true"));
  }

  private interface Column<T> {
    T read(ResultSet rows) throws SQLException;
  }

  private static <T> T latest(String userId, String column, Column<T> read) {
    try (Connection db = DriverManager.getConnection(EmbeddedPostgresServer.jdbcUrl("identity"), "postgres",
        "postgres");
        PreparedStatement query = db.prepareStatement("select " + column + " from oauth2_authorization"
            + " where registered_client_id = 'catalyst-console' and principal_name = ?"
            + " order by access_token_issued_at desc limit 1")) {
      query.setString(1, userId);
      try (ResultSet rows = query.executeQuery()) {
        assertThat(rows.next()).as("a console authorization of %s", userId).isTrue();
        return read.read(rows);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
