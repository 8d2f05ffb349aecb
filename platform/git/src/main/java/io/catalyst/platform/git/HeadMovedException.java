package io.catalyst.platform.git;

/**
 * The branch is not at the head the caller expected (someone moved it, created it or deleted it meanwhile): nothing
 * was written. The caller re-reads {@link #currentHead()} and retries, or reports the conflict.
 */
public class HeadMovedException extends RuntimeException {

  private final String branch;
  private final String expectedHead;
  private final String currentHead;

  public HeadMovedException(String branch, String expectedHead, String currentHead) {
    super("Branch " + branch + " is at " + (currentHead == null ? "nothing (it does not exist)" : currentHead)
        + ", not at " + (expectedHead == null ? "nothing (it was expected not to exist)" : expectedHead));
    this.branch = branch;
    this.expectedHead = expectedHead;
    this.currentHead = currentHead;
  }

  public String branch() {
    return branch;
  }

  /** The head the caller expected; null: the branch was expected not to exist. */
  public String expectedHead() {
    return expectedHead;
  }

  /** The head the branch has now; null: it does not exist. */
  public String currentHead() {
    return currentHead;
  }
}
