package io.catalyst.provisioning.githost;

import io.catalyst.platform.git.FileChanges;
import io.catalyst.platform.git.CommitResult;
import io.catalyst.platform.git.Committer;
import io.catalyst.platform.git.GitRepository;
import io.catalyst.platform.git.HeadMovedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The bare repositories on disk, {@code {root}/{owner}/{name}.git}, and the one way this service writes to them
 * itself: a commit of {@link FileChanges} onto a branch, compare-and-set on the branch head and retried on a lost
 * race, so concurrent writers never drop each other's files. The Git work itself is {@code platform/git}'s
 * {@link GitRepository}; this class knows where repositories live and what this service's callers ask of them.
 */
public class GitRepositories {

  /**
   * A commit on {@code branch}: its {@code sha}, whether it moved the branch ({@code changed}), and the head it was
   * made on ({@code previousSha}, null for a new branch or when nothing changed).
   */
  public record Commit(String branch, String sha, boolean changed, String previousSha) {

    public Commit(String branch, String sha, boolean changed) {
      this(branch, sha, changed, null);
    }
  }

  private static final int ATTEMPTS = 8;

  private final Path root;

  public GitRepositories(GitHostProperties properties) {
    this.root = properties.root();
  }

  public Path root() {
    return root;
  }

  Path directory(RepositoryPath repo) {
    return root.resolve(repo.owner()).resolve(repo.name() + ".git");
  }

  public boolean exists(RepositoryPath repo) {
    return Files.isRegularFile(directory(repo).resolve("HEAD"));
  }

  /** Opens an existing repository; the caller closes it. */
  public Repository open(RepositoryPath repo) throws RepositoryNotFoundException {
    if (!exists(repo)) {
      throw new RepositoryNotFoundException(repo.toString());
    }
    try {
      return new FileRepositoryBuilder().setGitDir(directory(repo).toFile()).setMustExist(true).build();
    } catch (RepositoryNotFoundException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates the bare repository (default branch {@code main}) unless it exists; returns whether it created it. */
  public synchronized boolean create(RepositoryPath repo) {
    if (exists(repo)) {
      return false;
    }
    try {
      Files.createDirectories(directory(repo).getParent());
      try (Repository r = new FileRepositoryBuilder().setGitDir(directory(repo).toFile()).setBare().build()) {
        r.create(true);
        RefUpdate head = r.updateRef(Constants.HEAD);
        head.disableRefLog();
        head.link("refs/heads/main");
        StoredConfig config = r.getConfig();
        config.setBoolean("http", null, "receivepack", true);
        config.setBoolean("receive", null, "denyDeletes", false);
        // A reflog per branch (bare repositories have none by default): the branch-head reconciler tells a push
        // ("push") from this service's own commits by it.
        config.setBoolean("core", null, "logAllRefUpdates", true);
        config.save();
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create repository " + repo, e);
    }
  }

  /** The repositories of {@code owner}, by name. */
  public List<String> list(String owner) {
    Path dir = root.resolve(owner);
    if (!RepositoryPath.isOwner(owner) || !Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".git"))
          .map(n -> n.substring(0, n.length() - 4)).filter(RepositoryPath::isName).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The head of {@code branch}, if the branch exists. */
  public Optional<String> head(RepositoryPath repo, String branch) {
    return on(repo, g -> g.head(branch));
  }

  /** The branches of the repository (without {@code refs/heads/}), sorted; none when it does not exist. */
  public List<String> branches(RepositoryPath repo) {
    return List.copyOf(heads(repo).keySet());
  }

  /** The heads of every branch, by branch name. */
  public Map<String, String> heads(RepositoryPath repo) {
    return exists(repo) ? on(repo, GitRepository::heads) : Map.of();
  }

  /** A move of a branch as its reflog records it, newest first: who, the message, and the ids. */
  public record ReflogEntry(String oldSha, String newSha, String who, java.time.Instant time, String comment) {}

  /** The reflog of {@code branch}, newest first, at most {@code limit} entries (empty without a reflog). */
  public List<ReflogEntry> reflog(RepositoryPath repo, String branch, int limit) {
    try (Repository r = open(repo)) {
      org.eclipse.jgit.lib.ReflogReader reader = r.getRefDatabase().getReflogReader(Constants.R_HEADS + branch);
      if (reader == null) {
        return List.of();
      }
      return reader.getReverseEntries(limit).stream().map(e -> new ReflogEntry(e.getOldId().name(),
          e.getNewId().name(), e.getWho() == null ? null : e.getWho().getName(),
          e.getWho() == null ? null : e.getWho().getWhenAsInstant(), e.getComment())).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The owners that have repositories on disk (Organizations, {@code catalog}, {@code system}, …). */
  public List<String> owners() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(root)) {
      return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(RepositoryPath::isOwner)
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The content of {@code path} at the head of {@code branch}. */
  public Optional<String> read(RepositoryPath repo, String branch, String path) {
    return on(repo, g -> g.treeAt(branch).flatMap(tree -> tree.readString(path)));
  }

  /**
   * Commits {@code changes} on top of {@code branch} (creating the branch if it does not exist). A commit that would
   * change nothing is not made, so a retried write is idempotent.
   */
  public Commit commit(RepositoryPath repo, String branch, FileChanges changes, PersonIdent author, String message) {
    return on(repo, g -> {
      for (int attempt = 1; ; attempt++) {
        try {
          return commitOf(g.commit(branch, g.head(branch).orElse(null), changes, Committer.of(author), message));
        } catch (HeadMovedException e) {
          if (attempt >= ATTEMPTS) {
            throw new IllegalStateException("Lost the race for " + repo + " " + branch + " " + attempt + " times", e);
          }
          // Someone else moved the branch: rebuild on the new head.
        }
      }
    });
  }

  /**
   * Commits {@code changes} on {@code branch} only if its head is still {@code expectedHead}: a concurrent edit makes
   * this answer the current head instead of committing (the caller reports the conflict).
   */
  public Commit commitIfHead(RepositoryPath repo, String branch, String expectedHead, FileChanges changes,
      PersonIdent author, String message) {
    return on(repo, g -> {
      if (expectedHead == null) {
        throw new HeadMoved(g.head(branch).orElse(null));
      }
      try {
        return commitOf(g.commit(branch, expectedHead, changes, Committer.of(author), message));
      } catch (HeadMovedException e) {
        throw new HeadMoved(e.currentHead());
      }
    });
  }

  /** The branch moved since the caller read it. */
  public static final class HeadMoved extends RuntimeException {
    private final String currentHead;

    public HeadMoved(String currentHead) {
      super("The branch head is now " + currentHead);
      this.currentHead = currentHead;
    }

    public String currentHead() {
      return currentHead;
    }
  }

  /** A commit of a branch's history. */
  public record LogEntry(String sha, String author, String authorEmail, String committer, java.time.Instant time,
      String message) {}

  /** Commits reachable from {@code branch}, newest first, skipping {@code skip}, at most {@code limit}. */
  public List<LogEntry> log(RepositoryPath repo, String branch, int skip, int limit) {
    return on(repo, g -> g.head(branch).map(head -> g.log(head, List.of(), skip, limit).stream()
        .map(c -> new LogEntry(c.sha(), c.authorName(), c.authorEmail(), c.committerName(), c.time(), c.message()))
        .toList()).orElse(List.of()));
  }

  /**
   * Commits reachable from {@code to} but not from {@code from} (null: all), newest first, at most {@code limit};
   * {@code from} unknown to the repository (rewritten away) counts as null.
   */
  public List<LogEntry> between(RepositoryPath repo, String from, String to, int limit) {
    return on(repo, g -> g.log(to, from == null ? List.of() : List.of(from), 0, limit).stream()
        .map(c -> new LogEntry(c.sha(), c.authorName(), c.authorEmail(),
            c.committerName() + " <" + c.committerEmail() + ">", c.time(), c.shortMessage()))
        .toList());
  }

  /** The number of commits reachable from {@code branch}. */
  public int count(RepositoryPath repo, String branch) {
    return on(repo, g -> g.head(branch).map(g::count).orElse(0));
  }

  /** The files directly inside {@code folder} at the head of {@code branch}, by name. */
  public List<String> list(RepositoryPath repo, String branch, String folder) {
    return on(repo, g -> g.treeAt(branch).map(tree -> tree.list(folder)).orElse(List.of()));
  }

  /**
   * Moves the repository out of the host to {@code {root}/_archived/{owner}/{name}-{suffix}.git}: never deleted, no
   * longer served ({@code _archived} is not an owner name). Returns where it went, or null when it did not exist.
   */
  public synchronized Path archive(RepositoryPath repo, String suffix) {
    if (!exists(repo)) {
      return null;
    }
    try {
      Path target = root.resolve("_archived").resolve(repo.owner()).resolve(repo.name() + "-" + suffix + ".git");
      Files.createDirectories(target.getParent());
      Files.move(directory(repo), target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not archive " + repo, e);
    }
  }

  /**
   * Gives a new repository its first commit on {@code first} and every branch of {@code branches} at that commit, with
   * the repository opened once (the install flow creates several repositories per request). Idempotent: when
   * {@code first} exists its head is the start of the missing branches, and branches that exist stay.
   */
  public Commit initialize(RepositoryPath repo, String first, List<String> branches, FileChanges changes,
      PersonIdent author, String message) {
    create(repo);
    return on(repo, g -> {
      Committer who = Committer.of(author);
      String start = g.head(first).orElse(null);
      boolean changed = false;
      if (start == null) {
        try {
          start = g.commit(first, null, changes, who, message).sha();
          changed = true;
        } catch (HeadMovedException createdMeanwhile) {
          start = createdMeanwhile.currentHead();
        }
      }
      for (String branch : branches) {
        if (g.head(branch).isEmpty()) {
          createIfAbsent(g, repo, branch, start, new FileChanges(), who, "branch: created");
        }
      }
      return new Commit(first, start, changed);
    });
  }

  /**
   * Creates {@code branch} from the commit {@code from}, with {@code changes} on top in one commit (none when they
   * change nothing), in a single ref update that expects the branch not to exist: a branch that exists already is
   * left as it is (answered with {@code changed} false), so a retry is idempotent; {@code changed} is true when this
   * call created the branch.
   */
  public Commit branchFrom(RepositoryPath repo, String branch, String from, FileChanges changes, PersonIdent author,
      String message) {
    return on(repo, g -> createIfAbsent(g, repo, branch, from, changes, Committer.of(author), message));
  }

  private static Commit createIfAbsent(GitRepository g, RepositoryPath repo, String branch, String from,
      FileChanges changes, Committer who, String message) {
    try {
      CommitResult created = g.createBranch(branch, from, changes, who, message);
      return new Commit(branch, created.sha(), true);
    } catch (HeadMovedException exists) {
      if (exists.currentHead() == null) {
        throw new IllegalStateException("Could not create " + repo + " " + branch, exists);
      }
      return new Commit(branch, exists.currentHead(), false); // there already, or created meanwhile by someone else
    }
  }

  private static Commit commitOf(CommitResult result) {
    return new Commit(result.branch(), result.sha(), result.changed(), result.changed() ? result.previousSha() : null);
  }

  /** Runs {@code work} on the opened repository and closes it. */
  private <T> T on(RepositoryPath repo, Function<GitRepository, T> work) {
    try (Repository r = open(repo)) {
      return work.apply(GitRepository.of(r));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not open " + repo, e);
    }
  }
}
