package io.catalyst.catalog.source;

import io.catalyst.platform.git.GitRepository;
import io.catalyst.platform.git.GitTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.util.FileUtils;

/**
 * Clones or fetches a source into a local bare repository and reads the Blueprint files of its branch head. The same
 * code path serves hosted repositories (provisioning's Git host, with the service credential) and local
 * {@code file://} repositories.
 */
public class GitSourceReader {

  static final String BLUEPRINT_FILE = "blueprint.yaml";
  static final String README_FILE = "README.md";
  private static final long MAX_FILE_BYTES = 1024 * 1024;

  /** A {@code blueprint.yaml} at {@code path}, with the README that goes with it (or null). */
  public record BlueprintFile(String path, byte[] content, String readme) {}

  /** The Blueprint files of one commit. */
  public record Snapshot(String commit, List<BlueprintFile> files) {}

  private final CatalogProperties properties;

  public GitSourceReader(CatalogProperties properties) {
    this.properties = properties;
  }

  public Snapshot read(CatalogSource source) throws IOException {
    Path local = properties.workDirOrTemp().resolve(source.owner()).resolve(source.repo() + ".git");
    String ref = Constants.R_HEADS + source.branch();
    try {
      if (!Files.exists(local.resolve("HEAD"))) {
        Files.createDirectories(local.getParent());
        if (Files.exists(local)) {
          FileUtils.delete(local.toFile(), FileUtils.RECURSIVE);
        }
        try (Git ignored = credentials(Git.cloneRepository().setURI(source.url()).setBare(true)
            .setDirectory(local.toFile()).setBranchesToClone(List.of(ref)).setBranch(ref)).call()) {
          // cloned
        }
      } else {
        try (Git git = Git.open(local.toFile())) {
          credentials(git.fetch().setRemote(source.url())
              .setRefSpecs(new RefSpec("+" + ref + ":" + ref)).setForceUpdate(true)).call();
        }
      }
    } catch (GitAPIException e) {
      throw new IOException("Could not fetch " + source.url() + ": " + e.getMessage(), e);
    }
    try (GitRepository repo = GitRepository.open(local)) {
      String head = repo.head(source.branch()).orElseThrow(
          () -> new IOException("Branch " + source.branch() + " does not exist in " + source.url()));
      return read(repo.tree(head));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static Snapshot read(GitTree tree) {
    List<String> paths = tree.paths();
    Set<String> readmes = new HashSet<>();
    List<String> blueprints = new ArrayList<>();
    for (String path : paths) {
      String file = path.substring(path.lastIndexOf('/') + 1);
      if (file.equals(BLUEPRINT_FILE)) {
        blueprints.add(path);
      } else if (file.equals(README_FILE)) {
        readmes.add(path);
      }
    }
    List<BlueprintFile> files = new ArrayList<>();
    for (String path : blueprints.stream().sorted().toList()) {
      String readme = null;
      for (String candidate : readmeCandidates(parent(path))) {
        if (readmes.contains(candidate)) {
          readme = new String(load(tree, candidate), StandardCharsets.UTF_8);
          break;
        }
      }
      files.add(new BlueprintFile(path, load(tree, path), readme));
    }
    return new Snapshot(tree.commit(), files);
  }

  /** The release line's own README, else the Blueprint folder's ({@code bp-x/releases/16/} → {@code bp-x/}). */
  private static List<String> readmeCandidates(String folder) {
    List<String> out = new ArrayList<>();
    out.add(folder.isEmpty() ? README_FILE : folder + "/" + README_FILE);
    int releases = folder.indexOf("/releases/");
    if (releases > 0) {
      out.add(folder.substring(0, releases) + "/" + README_FILE);
    }
    return out;
  }

  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** The file's content; a file larger than 1 MiB reads as empty (and fails to parse), it is not loaded. */
  private static byte[] load(GitTree tree, String path) {
    if (tree.size(path).orElse(0) > MAX_FILE_BYTES) {
      return new byte[0];
    }
    return tree.read(path).orElse(new byte[0]);
  }

  private <T extends org.eclipse.jgit.api.TransportCommand<T, ?>> T credentials(T command) {
    CatalogProperties.Git git = properties.git();
    if (git.username() != null && git.password() != null) {
      command.setCredentialsProvider(new UsernamePasswordCredentialsProvider(git.username(), git.password()));
    }
    command.setTimeout((int) git.timeout().toSeconds());
    return command;
  }
}
