package io.catalyst.platform.git;

/**
 * What a write did to {@code branch}: its head is now {@code sha}; {@code changed} when this call moved it (from
 * {@code previousSha}, null for a branch it created). A write that would change nothing moves nothing: {@code changed}
 * is false and {@code sha} is the head as it was.
 */
public record CommitResult(String branch, String sha, String previousSha, boolean changed) {

  static CommitResult unchanged(String branch, String head) {
    return new CommitResult(branch, head, head, false);
  }
}
