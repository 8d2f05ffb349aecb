package io.catalyst.provisioning.githost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The bare repositories on disk, {@code {root}/{owner}/{name}.git}, and the one way this service writes to them
 * itself: a commit of {@link FileChanges} onto a branch, compare-and-set on the branch head and retried on a lost
 * race, so concurrent writers never drop each other's files.
 */
public class GitRepositories {

  /** A commit this service made (or found already made): the branch and its head. */
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
    try (Repository r = open(repo)) {
      Ref ref = r.exactRef("refs/heads/" + branch);
      return Optional.ofNullable(ref).map(x -> x.getObjectId().name());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The branches of the repository (without {@code refs/heads/}), sorted; none when it does not exist. */
  public List<String> branches(RepositoryPath repo) {
    if (!exists(repo)) {
      return List.of();
    }
    try (Repository r = open(repo)) {
      return r.getRefDatabase().getRefsByPrefix(Constants.R_HEADS).stream()
          .map(ref -> ref.getName().substring(Constants.R_HEADS.length())).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The heads of every branch, by branch name. */
  public java.util.Map<String, String> heads(RepositoryPath repo) {
    if (!exists(repo)) {
      return java.util.Map.of();
    }
    try (Repository r = open(repo)) {
      java.util.Map<String, String> heads = new java.util.TreeMap<>();
      for (Ref ref : r.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
        if (ref.getObjectId() != null) {
          heads.put(ref.getName().substring(Constants.R_HEADS.length()), ref.getObjectId().name());
        }
      }
      return heads;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    return atHead(repo, branch, path, (r, tw) ->
        Optional.of(new String(r.open(tw.getObjectId(0)).getBytes(), java.nio.charset.StandardCharsets.UTF_8)),
        Optional.empty());
  }

  /** What the tree entry at {@code path} in the head commit of {@code branch} says. */
  @FunctionalInterface
  private interface TreeEntryReader<T> {
    T read(Repository repository, TreeWalk entry) throws IOException;
  }

  /** Opens the head of {@code branch}, finds {@code path} in its tree, reads it; {@code missing} when either is absent. */
  private <T> T atHead(RepositoryPath repo, String branch, String path, TreeEntryReader<T> reader, T missing) {
    try (Repository r = open(repo); RevWalk walk = new RevWalk(r)) {
      Ref ref = r.exactRef("refs/heads/" + branch);
      if (ref == null) {
        return missing;
      }
      RevCommit commit = walk.parseCommit(ref.getObjectId());
      try (TreeWalk tw = TreeWalk.forPath(r, path, commit.getTree())) {
        return tw == null ? missing : reader.read(r, tw);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Commits {@code changes} on top of {@code branch} (creating the branch if it does not exist). A commit that would
   * change nothing is not made, so a retried write is idempotent.
   */
  public Commit commit(RepositoryPath repo, String branch, FileChanges changes, PersonIdent author, String message) {
    String refName = "refs/heads/" + branch;
    try (Repository r = open(repo)) {
      for (int attempt = 1; ; attempt++) {
        Ref ref = r.exactRef(refName);
        ObjectId parent = ref == null ? null : ref.getObjectId();
        try (ObjectInserter inserter = r.newObjectInserter(); RevWalk walk = new RevWalk(r)) {
          RevCommit parentCommit = parent == null ? null : walk.parseCommit(parent);
          ObjectId tree = buildTree(r, inserter, parentCommit, changes);
          if (parentCommit != null && parentCommit.getTree().equals(tree)) {
            return new Commit(branch, parent.name(), false);
          }
          CommitBuilder commit = new CommitBuilder();
          commit.setTreeId(tree);
          if (parentCommit != null) {
            commit.setParentId(parentCommit);
          }
          commit.setAuthor(author);
          commit.setCommitter(author);
          commit.setMessage(message);
          ObjectId id = inserter.insert(commit);
          inserter.flush();
          RefUpdate update = r.updateRef(refName);
          update.setNewObjectId(id);
          update.setExpectedOldObjectId(parent == null ? ObjectId.zeroId() : parent);
          update.setRefLogIdent(author);
          update.setRefLogMessage("commit: " + firstLine(message), false);
          RefUpdate.Result result = update.update(walk);
          switch (result) {
            case NEW, FAST_FORWARD, FORCED -> {
              return new Commit(branch, id.name(), true, parent == null ? null : parent.name());
            }
            case LOCK_FAILURE, REJECTED -> {
              if (attempt >= ATTEMPTS) {
                throw new IllegalStateException("Lost the race for " + repo + " " + branch + " " + attempt + " times");
              }
              // Someone else moved the branch: rebuild on the new head.
            }
            default -> throw new IllegalStateException("Could not update " + repo + " " + branch + ": " + result);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not commit to " + repo + " " + branch, e);
    }
  }

  /**
   * Commits {@code changes} on {@code branch} only if its head is still {@code expectedHead}: a concurrent edit makes
   * this answer the current head instead of committing (the caller reports the conflict).
   */
  public Commit commitIfHead(RepositoryPath repo, String branch, String expectedHead, FileChanges changes,
      PersonIdent author, String message) {
    String refName = "refs/heads/" + branch;
    try (Repository r = open(repo); ObjectInserter inserter = r.newObjectInserter(); RevWalk walk = new RevWalk(r)) {
      Ref ref = r.exactRef(refName);
      if (ref == null || !ref.getObjectId().name().equals(expectedHead)) {
        throw new HeadMoved(ref == null ? null : ref.getObjectId().name());
      }
      RevCommit parent = walk.parseCommit(ref.getObjectId());
      ObjectId tree = buildTree(r, inserter, parent, changes);
      if (parent.getTree().equals(tree)) {
        return new Commit(branch, parent.name(), false);
      }
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree);
      commit.setParentId(parent);
      commit.setAuthor(author);
      commit.setCommitter(author);
      commit.setMessage(message);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      RefUpdate update = r.updateRef(refName);
      update.setNewObjectId(id);
      update.setExpectedOldObjectId(parent);
      update.setRefLogIdent(author);
      update.setRefLogMessage("commit: " + firstLine(message), false);
      RefUpdate.Result result = update.update(walk);
      if (result == RefUpdate.Result.FAST_FORWARD || result == RefUpdate.Result.NEW) {
        return new Commit(branch, id.name(), true, parent.name());
      }
      Ref now = r.exactRef(refName);
      throw new HeadMoved(now == null ? null : now.getObjectId().name());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not commit to " + repo + " " + branch, e);
    }
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
    try (Repository r = open(repo); RevWalk walk = new RevWalk(r)) {
      Ref ref = r.exactRef("refs/heads/" + branch);
      if (ref == null) {
        return List.of();
      }
      walk.markStart(walk.parseCommit(ref.getObjectId()));
      List<LogEntry> out = new java.util.ArrayList<>();
      int seen = 0;
      for (RevCommit c : walk) {
        if (seen++ < skip) {
          continue;
        }
        if (out.size() >= limit) {
          break;
        }
        out.add(new LogEntry(c.name(), c.getAuthorIdent().getName(), c.getAuthorIdent().getEmailAddress(),
            c.getCommitterIdent().getName(), c.getCommitterIdent().getWhenAsInstant(), c.getFullMessage()));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Commits reachable from {@code to} but not from {@code from} (null: all), newest first, at most {@code limit};
   * {@code from} unknown to the repository (rewritten away) counts as null.
   */
  public List<LogEntry> between(RepositoryPath repo, String from, String to, int limit) {
    try (Repository r = open(repo); RevWalk walk = new RevWalk(r)) {
      walk.markStart(walk.parseCommit(ObjectId.fromString(to)));
      if (from != null && r.getObjectDatabase().has(ObjectId.fromString(from))) {
        walk.markUninteresting(walk.parseCommit(ObjectId.fromString(from)));
      }
      List<LogEntry> out = new java.util.ArrayList<>();
      for (RevCommit c : walk) {
        if (out.size() >= limit) {
          break;
        }
        out.add(new LogEntry(c.name(), c.getAuthorIdent().getName(), c.getAuthorIdent().getEmailAddress(),
            c.getCommitterIdent().getName() + " <" + c.getCommitterIdent().getEmailAddress() + ">",
            c.getCommitterIdent().getWhenAsInstant(), c.getShortMessage()));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The number of commits reachable from {@code branch}. */
  public int count(RepositoryPath repo, String branch) {
    try (Repository r = open(repo); RevWalk walk = new RevWalk(r)) {
      Ref ref = r.exactRef("refs/heads/" + branch);
      if (ref == null) {
        return 0;
      }
      walk.markStart(walk.parseCommit(ref.getObjectId()));
      int n = 0;
      for (RevCommit ignored : walk) {
        n++;
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The files directly inside {@code folder} at the head of {@code branch}, by name. */
  public List<String> list(RepositoryPath repo, String branch, String folder) {
    return atHead(repo, branch, folder, (r, tw) -> {
      if (!tw.isSubtree()) {
        return List.<String>of();
      }
      try (TreeWalk inside = new TreeWalk(r)) {
        inside.addTree(tw.getObjectId(0));
        List<String> names = new java.util.ArrayList<>();
        while (inside.next()) {
          if (!inside.isSubtree()) {
            names.add(inside.getNameString());
          }
        }
        return names.stream().sorted().toList();
      }
    }, List.of());
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
    try (Repository r = open(repo); ObjectInserter inserter = r.newObjectInserter(); RevWalk walk = new RevWalk(r)) {
      Ref head = r.exactRef("refs/heads/" + first);
      ObjectId start;
      boolean changed = false;
      if (head != null) {
        start = head.getObjectId();
      } else {
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(buildTree(r, inserter, null, changes));
        commit.setAuthor(author);
        commit.setCommitter(author);
        commit.setMessage(message);
        start = inserter.insert(commit);
        inserter.flush();
        changed = true;
      }
      org.eclipse.jgit.lib.BatchRefUpdate batch = r.getRefDatabase().newBatchUpdate();
      batch.setRefLogIdent(author);
      batch.setRefLogMessage("branch: created", false);
      batch.setAtomic(false);
      for (String branch : branches) {
        if (r.exactRef("refs/heads/" + branch) == null) {
          batch.addCommand(new org.eclipse.jgit.transport.ReceiveCommand(ObjectId.zeroId(), start,
              "refs/heads/" + branch));
        }
      }
      if (!batch.getCommands().isEmpty()) {
        batch.execute(walk, org.eclipse.jgit.lib.NullProgressMonitor.INSTANCE);
        for (org.eclipse.jgit.transport.ReceiveCommand c : batch.getCommands()) {
          if (c.getResult() != org.eclipse.jgit.transport.ReceiveCommand.Result.OK
              && r.exactRef(c.getRefName()) == null) {
            throw new IllegalStateException("Could not create " + repo + " " + c.getRefName() + ": " + c.getResult());
          }
        }
      }
      return new Commit(first, start.name(), changed);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not initialize " + repo, e);
    }
  }

  /**
   * Creates {@code branch} from the commit {@code from}, with {@code changes} on top in one commit (none when they
   * change nothing), in a single ref update that expects the branch not to exist: a branch that exists already is
   * left as it is (answered with {@code changed} false), so a retry is idempotent; {@code changed} is true when this
   * call created the branch.
   */
  public Commit branchFrom(RepositoryPath repo, String branch, String from, FileChanges changes, PersonIdent author,
      String message) {
    String refName = "refs/heads/" + branch;
    try (Repository r = open(repo); ObjectInserter inserter = r.newObjectInserter(); RevWalk walk = new RevWalk(r)) {
      Ref existing = r.exactRef(refName);
      if (existing != null) {
        return new Commit(branch, existing.getObjectId().name(), false);
      }
      RevCommit parent = walk.parseCommit(ObjectId.fromString(from));
      ObjectId tree = buildTree(r, inserter, parent, changes);
      ObjectId target = parent;
      if (!parent.getTree().equals(tree)) {
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        commit.setParentId(parent);
        commit.setAuthor(author);
        commit.setCommitter(author);
        commit.setMessage(message);
        target = inserter.insert(commit);
        inserter.flush();
      }
      RefUpdate update = r.updateRef(refName);
      update.setNewObjectId(target);
      update.setExpectedOldObjectId(ObjectId.zeroId());
      update.setRefLogIdent(author);
      update.setRefLogMessage("branch: created from " + from, false);
      RefUpdate.Result result = update.update(walk);
      if (result != RefUpdate.Result.NEW) {
        Ref now = r.exactRef(refName);
        if (now == null) {
          throw new IllegalStateException("Could not create " + repo + " " + branch + ": " + result);
        }
        return new Commit(branch, now.getObjectId().name(), false); // created meanwhile by someone else
      }
      return new Commit(branch, target.name(), true);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create " + repo + " " + branch, e);
    }
  }

  private static ObjectId buildTree(Repository r, ObjectInserter inserter, RevCommit parent, FileChanges changes)
      throws IOException {
    DirCache index = DirCache.newInCore();
    DirCacheBuilder builder = index.builder();
    if (parent != null) {
      try (TreeWalk tw = new TreeWalk(r)) {
        tw.addTree(parent.getTree());
        tw.setRecursive(true);
        while (tw.next()) {
          String path = tw.getPathString();
          if (changes.removes(path) || changes.writes().containsKey(path)) {
            continue;
          }
          DirCacheEntry entry = new DirCacheEntry(path);
          entry.setFileMode(tw.getFileMode(0));
          entry.setObjectId(tw.getObjectId(0));
          builder.add(entry);
        }
      }
    }
    for (var file : changes.writes().entrySet()) {
      DirCacheEntry entry = new DirCacheEntry(file.getKey());
      entry.setFileMode(FileMode.REGULAR_FILE);
      entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, file.getValue()));
      builder.add(entry);
    }
    builder.finish();
    return index.writeTree(inserter);
  }

  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
