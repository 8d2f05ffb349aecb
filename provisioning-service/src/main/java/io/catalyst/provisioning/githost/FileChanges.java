package io.catalyst.provisioning.githost;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Files to write and folders or files to remove in one commit, by path relative to the repository root. */
public final class FileChanges {

  private final Map<String, byte[]> writes = new LinkedHashMap<>();
  private final Set<String> removals = new LinkedHashSet<>();

  public static FileChanges of(Map<String, String> files) {
    FileChanges changes = new FileChanges();
    files.forEach(changes::write);
    return changes;
  }

  public FileChanges write(String path, String content) {
    writes.put(check(path), content.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Removes the file {@code path}, or everything under it when it is a folder. */
  public FileChanges remove(String path) {
    removals.add(check(path));
    return this;
  }

  Map<String, byte[]> writes() {
    return writes;
  }

  boolean removes(String path) {
    return removals.stream().anyMatch(r -> path.equals(r) || path.startsWith(r + "/"));
  }

  private static String check(String path) {
    if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("//")
        || ("/" + path + "/").contains("/../") || ("/" + path + "/").contains("/./") || path.contains("\\")
        || path.startsWith(".git/")) {
      throw new IllegalArgumentException("Not a file path inside a repository: " + path);
    }
    return path;
  }
}
