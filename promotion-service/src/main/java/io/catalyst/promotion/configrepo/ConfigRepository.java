package io.catalyst.promotion.configrepo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Fetches {@code system/catalyst-config} over smart HTTP as this service (JGit, into a local bare repository, as
 * catalog reads its sources) and reads the files of one folder at the branch head. Kept small and on its own: it moves
 * onto {@code platform/git} when that library exists.
 */
public class ConfigRepository {

  private static final long MAX_FILE_BYTES = 256 * 1024;

  /** The files under a folder at one commit; {@code commit} null when the branch does not exist yet. */
  public record Snapshot(String commit, Map<String, byte[]> files) {
    public Snapshot {
      files = Map.copyOf(files);
    }
  }

  private final ConfigRepositoryProperties properties;
  private final Supplier<String> password;

  /** {@code password}: the credential sent as HTTP Basic password (a service access token), or null for none. */
  public ConfigRepository(ConfigRepositoryProperties properties, Supplier<String> password) {
    this.properties = properties;
    this.password = password;
  }

  public String url() {
    return properties.url();
  }

  /** Fetches the branch and reads the files under {@code folder} (e.g. {@code policies}) of its head. */
  public synchronized Snapshot read(String folder) throws IOException {
    Path local = properties.workDirOrTemp().resolve("catalyst-config.git");
    String ref = Constants.R_HEADS + properties.branch();
    if (!Files.exists(local.resolve("HEAD"))) {
      Files.createDirectories(local);
      try (Git ignored = Git.init().setBare(true).setDirectory(local.toFile()).call()) {
        // an empty bare repository to fetch into
      } catch (GitAPIException e) {
        throw new IOException("Could not create " + local + ": " + e.getMessage(), e);
      }
    }
    try (Git git = Git.open(local.toFile())) {
      try {
        credentials(git.fetch().setRemote(properties.url())
            .setRefSpecs(new RefSpec("+" + ref + ":" + ref)).setForceUpdate(true)).call();
      } catch (InvalidRemoteException | TransportException e) {
        if (isMissingBranch(e)) {
          return new Snapshot(null, Map.of());
        }
        throw new IOException("Could not fetch " + properties.url() + ": " + e.getMessage(), e);
      } catch (GitAPIException e) {
        throw new IOException("Could not fetch " + properties.url() + ": " + e.getMessage(), e);
      }
      Repository repo = git.getRepository();
      ObjectId head = repo.resolve(ref);
      return head == null ? new Snapshot(null, Map.of()) : read(repo, head, folder);
    }
  }

  private static boolean isMissingBranch(GitAPIException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("Remote does not have") || m.contains("not found in upstream");
  }

  private static Snapshot read(Repository repo, ObjectId head, String folder) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
      tree.addTree(walk.parseCommit(head).getTree());
      tree.setRecursive(true);
      tree.setFilter(PathFilter.create(folder));
      while (tree.next()) {
        ObjectLoader loader = repo.open(tree.getObjectId(0));
        files.put(tree.getPathString(), loader.getSize() > MAX_FILE_BYTES ? new byte[(int) MAX_FILE_BYTES + 1]
            : loader.getBytes());
      }
    }
    return new Snapshot(head.name(), files);
  }

  private <T extends TransportCommand<T, ?>> T credentials(T command) {
    String secret = password == null ? null : password.get();
    if (secret != null) {
      command.setCredentialsProvider(new UsernamePasswordCredentialsProvider(properties.git().username(), secret));
    }
    command.setTimeout((int) properties.git().timeout().toSeconds());
    return command;
  }

}
