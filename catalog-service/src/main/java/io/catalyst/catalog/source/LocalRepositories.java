package io.catalyst.catalog.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * Makes a bare Git repository from a folder, as one commit on {@code main}. Used to seed the local {@code catalog}
 * source from {@code catalog-content/} until provisioning's Git host serves it, and by tests to build sources.
 */
public final class LocalRepositories {

  private static final PersonIdent CATALOG = new PersonIdent("Catalyst catalog", "catalog@catalyst.local");

  private LocalRepositories() {}

  /** Creates {@code bare} (must not exist) with the files of {@code folder} committed to {@code branch}. */
  public static String createFrom(Path folder, Path bare, String branch, String message) throws IOException {
    try (Git git = Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch(branch).call()) {
      return commit(git.getRepository(), folder, branch, message);
    } catch (GitAPIException e) {
      throw new IOException("Could not create " + bare + ": " + e.getMessage(), e);
    }
  }

  /** Commits the files of {@code folder} on top of {@code branch} of the bare repository {@code bare}. */
  public static String commitFolder(Path bare, Path folder, String branch, String message) throws IOException {
    try (Git git = Git.open(bare.toFile())) {
      return commit(git.getRepository(), folder, branch, message);
    }
  }

  private static String commit(Repository repo, Path folder, String branch, String message) throws IOException {
    String ref = Constants.R_HEADS + branch;
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      ObjectId tree = tree(inserter, folder);
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree);
      ObjectId parent = repo.resolve(ref);
      if (parent != null) {
        commit.setParentId(parent);
      }
      commit.setAuthor(CATALOG);
      commit.setCommitter(CATALOG);
      commit.setMessage(message);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      RefUpdate update = repo.updateRef(ref);
      update.setNewObjectId(id);
      update.setForceUpdate(true);
      RefUpdate.Result result = update.update();
      if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED
          && result != RefUpdate.Result.FAST_FORWARD) {
        throw new IOException("Could not update " + ref + ": " + result);
      }
      return id.name();
    }
  }

  private static ObjectId tree(ObjectInserter inserter, Path folder) throws IOException {
    TreeFormatter tree = new TreeFormatter();
    List<Path> children;
    try (Stream<Path> list = Files.list(folder)) {
      // Git orders tree entries by name, folders as if they ended in '/'.
      children = list.filter(p -> !p.getFileName().toString().equals(".git"))
          .sorted((a, b) -> sortKey(a).compareTo(sortKey(b))).toList();
    }
    for (Path child : children) {
      if (Files.isDirectory(child)) {
        tree.append(child.getFileName().toString(), FileMode.TREE, tree(inserter, child));
      } else {
        tree.append(child.getFileName().toString(), FileMode.REGULAR_FILE,
            inserter.insert(Constants.OBJ_BLOB, Files.readAllBytes(child)));
      }
    }
    return inserter.insert(tree);
  }

  private static String sortKey(Path p) {
    return p.getFileName().toString() + (Files.isDirectory(p) ? "/" : "");
  }
}
