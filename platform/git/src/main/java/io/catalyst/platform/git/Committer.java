package io.catalyst.platform.git;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Objects;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Who a commit is by: the {@code author} (whose change it is) and the {@code committer} (who wrote it into the
 * repository). A service committing on its own behalf is both; a service committing a user's change (a configuration
 * change through the API, a promotion's merge) is the committer with the user as author. Identities are names with a
 * mail address in {@value #MAIL_DOMAIN} (Git wants one; nobody receives mail there), in UTC, at the {@code Clock}'s
 * time.
 */
public record Committer(PersonIdent author, PersonIdent committer) {

  public static final String MAIL_DOMAIN = "users.catalyst";

  public Committer {
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(committer, "committer");
  }

  /** {@code who} (a user's subject or a service's name) as author and committer. */
  public static Committer of(String who, Clock clock) {
    PersonIdent ident = ident(who, clock);
    return new Committer(ident, ident);
  }

  /** {@code ident} as author and committer. */
  public static Committer of(PersonIdent ident) {
    return new Committer(ident, ident);
  }

  /** {@code service} commits {@code user}'s change: the user is the author, the service the committer. */
  public static Committer onBehalfOf(String service, String user, Clock clock) {
    return new Committer(ident(user, clock), ident(service, clock));
  }

  /** {@code who} committing now, by the {@code clock}. */
  public static PersonIdent ident(String who, Clock clock) {
    return new PersonIdent(who, who + "@" + MAIL_DOMAIN, clock.instant(), ZoneOffset.UTC);
  }

  /** {@code who} without a time (a reflog entry takes the time of the update). */
  public static PersonIdent ident(String who) {
    return new PersonIdent(who, who + "@" + MAIL_DOMAIN);
  }
}
