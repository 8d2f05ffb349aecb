package io.catalyst.provisioning.githost;

import java.util.Map;

/**
 * {@link io.catalyst.platform.git.FileChanges} under the name this service's callers know (the parameter type of
 * {@link GitRepositories} and {@link BranchMoves}); it adds nothing. It goes once the application and install
 * packages take the platform type directly.
 */
public final class FileChanges extends io.catalyst.platform.git.FileChanges {

  public static FileChanges of(Map<String, String> files) {
    FileChanges changes = new FileChanges();
    files.forEach(changes::write);
    return changes;
  }

  @Override
  public FileChanges write(String path, String content) {
    super.write(path, content);
    return this;
  }

  @Override
  public FileChanges write(String path, byte[] content) {
    super.write(path, content);
    return this;
  }

  @Override
  public FileChanges remove(String path) {
    super.remove(path);
    return this;
  }

  @Override
  public FileChanges replaceAll() {
    super.replaceAll();
    return this;
  }
}
