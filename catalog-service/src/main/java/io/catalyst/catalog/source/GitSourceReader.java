package io.catalyst.catalog.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
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
    try (Repository repo = Git.open(local.toFile()).getRepository()) {
      ObjectId head = repo.resolve(ref);
      if (head == null) {
        throw new IOException("Branch " + source.branch() + " does not exist in " + source.url());
      }
      return read(repo, head);
    }
  }

  private static Snapshot read(Repository repo, ObjectId head) throws IOException {
    Map<String, ObjectId> blueprints = new HashMap<>();
    Map<String, ObjectId> readmes = new HashMap<>();
    try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
      RevCommit commit = walk.parseCommit(head);
      tree.addTree(commit.getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        String path = tree.getPathString();
        String file = path.substring(path.lastIndexOf('/') + 1);
        if (file.equals(BLUEPRINT_FILE)) {
          blueprints.put(path, tree.getObjectId(0));
        } else if (file.equals(README_FILE)) {
          readmes.put(path, tree.getObjectId(0));
        }
      }
      List<BlueprintFile> files = new ArrayList<>();
      for (Map.Entry<String, ObjectId> e : blueprints.entrySet().stream()
          .sorted(Map.Entry.comparingByKey()).toList()) {
        String folder = parent(e.getKey());
        String readme = null;
        for (String candidate : readmeCandidates(folder)) {
          if (readmes.containsKey(candidate)) {
            readme = new String(load(repo, readmes.get(candidate)), java.nio.charset.StandardCharsets.UTF_8);
            break;
          }
        }
        files.add(new BlueprintFile(e.getKey(), load(repo, e.getValue()), readme));
      }
      return new Snapshot(commit.name(), files);
    }
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

  private static byte[] load(Repository repo, ObjectId id) throws IOException {
    ObjectLoader loader = repo.open(id);
    if (loader.getSize() > MAX_FILE_BYTES) {
      return new byte[0];
    }
    return loader.getBytes();
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
