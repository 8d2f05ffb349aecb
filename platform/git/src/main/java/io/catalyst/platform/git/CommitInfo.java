package io.catalyst.platform.git;

import java.time.Instant;
import java.util.List;

/** A commit as the log shows it. {@code time} is the committer's time; {@code message} the full message. */
public record CommitInfo(String sha, List<String> parents, String authorName, String authorEmail,
    String committerName, String committerEmail, Instant time, String message) {

  /** The first line of the message. */
  public String shortMessage() {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
