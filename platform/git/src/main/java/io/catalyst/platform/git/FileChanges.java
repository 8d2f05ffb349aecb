package io.catalyst.platform.git;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Files to write and files or folders to remove in one commit, by path relative to the repository root. Paths are
 * checked: no absolute path, no {@code ..} or {@code .}, no empty segment, nothing under {@code .git/}.
 * {@link #replaceAll()} makes the written files the whole tree (everything else is removed).
 */
public class FileChanges {

  private final Map<String, byte[]> writes = new LinkedHashMap<>();
  private final Set<String> removals = new LinkedHashSet<>();
  private boolean replaceAll;

  /** The files of {@code files} (path → UTF-8 text) written. */
  public static FileChanges of(Map<String, String> files) {
    FileChanges changes = new FileChanges();
    files.forEach(changes::write);
    return changes;
  }

  public FileChanges write(String path, String content) {
    return write(path, content.getBytes(StandardCharsets.UTF_8));
  }

  public FileChanges write(String path, byte[] content) {
    writes.put(check(path), content.clone());
    return this;
  }

  /** Removes the file {@code path}, or everything under it when it is a folder. */
  public FileChanges remove(String path) {
    removals.add(check(path));
    return this;
  }

  /** Removes every file that is not written by these changes: the written files become the whole tree. */
  public FileChanges replaceAll() {
    replaceAll = true;
    return this;
  }

  /** The files written, by path, in the order they were added. */
  public Map<String, byte[]> writes() {
    return Collections.unmodifiableMap(writes);
  }

  /** The files and folders removed. */
  public Set<String> removals() {
    return Collections.unmodifiableSet(removals);
  }

  /** Whether the file at {@code path} of the parent tree is dropped (removed, replaced by a write, or not kept). */
  public boolean drops(String path) {
    return replaceAll || writes.containsKey(path) || removes(path);
  }

  /** Whether {@code path} is removed, itself or as part of a removed folder. */
  public boolean removes(String path) {
    return removals.stream().anyMatch(r -> path.equals(r) || path.startsWith(r + "/"));
  }

  public boolean isEmpty() {
    return writes.isEmpty() && removals.isEmpty() && !replaceAll;
  }

  /** Answers {@code path} when it is a file path inside a repository, else throws {@link IllegalArgumentException}. */
  public static String check(String path) {
    if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("//")
        || ("/" + path + "/").contains("/../") || ("/" + path + "/").contains("/./") || path.contains("\\")
        || path.equals(".git") || path.startsWith(".git/") || path.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("Not a file path inside a repository: " + path);
    }
    return path;
  }
}
