package io.catalyst.platform.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/** The files of one commit: list them, read one, read all under a folder. Read-only; valid while its repository is open. */
public final class GitTree {

  private final Repository repository;
  private final String commit;
  private final RevTree tree;

  GitTree(Repository repository, String commit, RevTree tree) {
    this.repository = repository;
    this.commit = commit;
    this.tree = tree;
  }

  /** The commit this tree belongs to. */
  public String commit() {
    return commit;
  }

  /** Every file path, sorted as Git sorts them. */
  public List<String> paths() {
    return paths("");
  }

  /** The file paths under {@code folder} (at any depth; {@code ""}: all), sorted as Git sorts them. */
  public List<String> paths(String folder) {
    List<String> out = new ArrayList<>();
    walk(folder, (path, id) -> out.add(path));
    return out;
  }

  /** The names of the files directly inside {@code folder} ({@code ""}: the root), sorted. */
  public List<String> list(String folder) {
    String prefix = folder.isEmpty() ? "" : folder + "/";
    return paths(folder).stream().filter(p -> p.startsWith(prefix)).map(p -> p.substring(prefix.length()))
        .filter(p -> p.indexOf('/') < 0).sorted().toList();
  }

  /** Whether a file is at {@code path}. */
  public boolean exists(String path) {
    return find(path) != null;
  }

  /** The content of the file at {@code path}; empty when there is none (or it is a folder). */
  public Optional<byte[]> read(String path) {
    ObjectId id = find(path);
    try {
      return id == null ? Optional.empty() : Optional.of(repository.open(id, Constants.OBJ_BLOB).getBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The content of the file at {@code path} as UTF-8 text. */
  public Optional<String> readString(String path) {
    return read(path).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  /** The size in bytes of the file at {@code path}, without reading it. */
  public OptionalLong size(String path) {
    ObjectId id = find(path);
    try {
      return id == null ? OptionalLong.empty() : OptionalLong.of(repository.getObjectDatabase().open(id).getSize());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file under {@code folder} ({@code ""}: all) with its content, by path, sorted as Git sorts them. */
  public Map<String, byte[]> readAll(String folder) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    walk(folder, (path, id) -> {
      try {
        out.put(path, repository.open(id, Constants.OBJ_BLOB).getBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    return out;
  }

  private interface Visitor {
    void file(String path, ObjectId blob);
  }

  private void walk(String folder, Visitor visitor) {
    try (TreeWalk walk = new TreeWalk(repository)) {
      walk.addTree(tree);
      walk.setRecursive(true);
      if (!folder.isEmpty()) {
        walk.setFilter(PathFilter.create(folder));
      }
      while (walk.next()) {
        if (walk.getFileMode(0).getObjectType() == Constants.OBJ_BLOB) {
          visitor.file(walk.getPathString(), walk.getObjectId(0));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ObjectId find(String path) {
    try (TreeWalk walk = TreeWalk.forPath(repository, path, tree)) {
      return walk == null || walk.getFileMode(0).getObjectType() != Constants.OBJ_BLOB ? null : walk.getObjectId(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
