package io.catalyst.catalog.source;

import io.catalyst.platform.git.Committer;
import io.catalyst.platform.git.FileChanges;
import io.catalyst.platform.git.GitRepository;
import io.catalyst.platform.git.HeadMovedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Makes a bare Git repository from a folder, as one commit on {@code main}. Used to seed the local {@code catalog}
 * source from {@code catalog-content/} until provisioning's Git host serves it, and by tests to build sources.
 */
public final class LocalRepositories {

  private static final Committer CATALOG = Committer.of(new PersonIdent("Catalyst catalog", "catalog@catalyst.local"));
  private static final int ATTEMPTS = 8;

  private LocalRepositories() {}

  /** Creates {@code bare} (must not exist) with the files of {@code folder} committed to {@code branch}. */
  public static String createFrom(Path folder, Path bare, String branch, String message) throws IOException {
    try (Git git = Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch(branch).call()) {
      return commit(GitRepository.of(git.getRepository()), folder, branch, message);
    } catch (GitAPIException e) {
      throw new IOException("Could not create " + bare + ": " + e.getMessage(), e);
    }
  }

  /** Commits the files of {@code folder} on top of {@code branch} of the bare repository {@code bare}. */
  public static String commitFolder(Path bare, Path folder, String branch, String message) throws IOException {
    try (GitRepository git = GitRepository.open(bare)) {
      return commit(git, folder, branch, message);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The files of {@code folder} become the whole tree of a new commit on {@code branch}. */
  private static String commit(GitRepository git, Path folder, String branch, String message) throws IOException {
    FileChanges changes = files(folder).replaceAll();
    for (int attempt = 1; ; attempt++) {
      try {
        return git.commit(branch, git.head(branch).orElse(null), changes, CATALOG, message).sha();
      } catch (HeadMovedException e) {
        if (attempt >= ATTEMPTS) {
          throw new IOException("Could not commit to " + branch + ": it keeps moving", e);
        }
      }
    }
  }

  private static FileChanges files(Path folder) throws IOException {
    FileChanges changes = new FileChanges();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).filter(p -> !isInGitFolder(folder.relativize(p))).sorted().toList();
    }
    for (Path file : files) {
      changes.write(folder.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
    }
    return changes;
  }

  private static boolean isInGitFolder(Path relative) {
    for (Path element : relative) {
      if (element.toString().equals(".git")) {
        return true;
      }
    }
    return false;
  }
}
