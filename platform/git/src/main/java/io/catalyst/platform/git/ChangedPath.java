package io.catalyst.platform.git;

/**
 * One path a diff found changed: {@code oldPath} is null for an added file, {@code newPath} null for a deleted one;
 * a rename has both (and may be modified too).
 */
public record ChangedPath(Change change, String oldPath, String newPath) {

  public enum Change { ADDED, MODIFIED, DELETED, RENAMED }

  /** The path as it is after the change (before it, for a deleted file). */
  public String path() {
    return newPath != null ? newPath : oldPath;
  }
}
