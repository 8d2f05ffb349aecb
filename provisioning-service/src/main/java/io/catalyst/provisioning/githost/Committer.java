package io.catalyst.provisioning.githost;

import java.time.Clock;
import java.time.ZoneOffset;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The identity commits are made under: a user (their subject) or this service's own actor, with a mail address in
 * {@code users.catalyst} (Git wants one; nobody receives mail there), in UTC.
 */
public final class Committer {

  public static final String MAIL_DOMAIN = "users.catalyst";

  private Committer() {}

  /** {@code who} committing now. */
  public static PersonIdent of(String who, Clock clock) {
    return new PersonIdent(who, who + "@" + MAIL_DOMAIN, clock.instant(), ZoneOffset.UTC);
  }

  /** {@code who} without a time (a reflog entry takes the time of the update). */
  public static PersonIdent of(String who) {
    return new PersonIdent(who, who + "@" + MAIL_DOMAIN);
  }
}
