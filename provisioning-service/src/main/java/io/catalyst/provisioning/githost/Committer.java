package io.catalyst.provisioning.githost;

import java.time.Clock;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The identity this service's callers commit under: {@link io.catalyst.platform.git.Committer#ident}, under the
 * name the application and install packages know. It goes once they use the platform type directly.
 */
public final class Committer {

  private Committer() {}

  /** {@code who} committing now. */
  public static PersonIdent of(String who, Clock clock) {
    return io.catalyst.platform.git.Committer.ident(who, clock);
  }
}
