package io.catalyst.platform.git;

import java.util.List;

/** A merge or revert that Git cannot make on its own: nothing was written; {@link #paths()} are in conflict. */
public class MergeConflictException extends RuntimeException {

  private final List<String> paths;

  public MergeConflictException(String what, List<String> paths) {
    super(what + " conflicts in " + String.join(", ", paths));
    this.paths = List.copyOf(paths);
  }

  /** The conflicting paths, sorted. */
  public List<String> paths() {
    return paths;
  }
}
