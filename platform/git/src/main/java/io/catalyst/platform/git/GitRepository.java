package io.catalyst.platform.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The operations the services make on a JGit {@link Repository} (bare or not; the work tree is never touched):
 * commit {@link FileChanges} to a branch, create a branch, merge, revert and restore — each with compare-and-swap on
 * the head the caller read, so a concurrent writer is never overwritten ({@link HeadMovedException}, nothing written)
 * — and read a {@link GitTree}, diff two commits, walk the log.
 *
 * <p>Every write is a commit whose parent is the expected head, so the branch only moves forward; the ref update
 * carries the committer and {@code "<kind>: <first line of the message>"} as its reflog entry. IO failures are
 * {@link UncheckedIOException}s. Not thread-safe per instance; the CAS makes concurrent instances on one repository
 * safe.
 */
public final class GitRepository implements AutoCloseable {

  private final Repository repository;
  private final boolean owned;

  private GitRepository(Repository repository, boolean owned) {
    this.repository = repository;
    this.owned = owned;
  }

  /** Operations on {@code repository}; closing this does not close it. */
  public static GitRepository of(Repository repository) {
    return new GitRepository(repository, false);
  }

  /** Opens the existing repository at {@code gitDir} (a bare repository's folder, or a {@code .git}); close it. */
  public static GitRepository open(Path gitDir) {
    try {
      return new GitRepository(new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build(), true);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not open " + gitDir, e);
    }
  }

  public Repository repository() {
    return repository;
  }

  @Override
  public void close() {
    if (owned) {
      repository.close();
    }
  }

  // ---- reading -----------------------------------------------------------------------------------------------

  /** The head of {@code branch} (without {@code refs/heads/}), if it exists. */
  public Optional<String> head(String branch) {
    try {
      Ref ref = repository.exactRef(Constants.R_HEADS + branch);
      return Optional.ofNullable(ref).map(Ref::getObjectId).map(ObjectId::name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every branch with its head, by name. */
  public Map<String, String> heads() {
    try {
      Map<String, String> heads = new TreeMap<>();
      for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
        if (ref.getObjectId() != null) {
          heads.put(ref.getName().substring(Constants.R_HEADS.length()), ref.getObjectId().name());
        }
      }
      return heads;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the repository has the commit {@code sha}. */
  public boolean hasCommit(String sha) {
    try (RevWalk walk = new RevWalk(repository)) {
      walk.parseCommit(ObjectId.fromString(sha));
      return true;
    } catch (MissingObjectException | IncorrectObjectTypeException | IllegalArgumentException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The files of the commit {@code sha}. */
  public GitTree tree(String sha) {
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(sha));
      return new GitTree(repository, commit.name(), commit.getTree());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read commit " + sha, e);
    }
  }

  /** The files at the head of {@code branch}, if it exists. */
  public Optional<GitTree> treeAt(String branch) {
    return head(branch).map(this::tree);
  }

  /** The paths that differ from commit {@code from} (null: nothing, an empty tree) to commit {@code to}, renames found. */
  public List<ChangedPath> diff(String from, String to) {
    return diff(from, to, true);
  }

  /**
   * The paths that differ from commit {@code from} (null: an empty tree) to commit {@code to}, sorted by path;
   * {@code renames} pairs a deleted and an added file of (nearly) the same content as one rename.
   */
  public List<ChangedPath> diff(String from, String to, boolean renames) {
    try (RevWalk walk = new RevWalk(repository); TreeWalk tw = new TreeWalk(repository)) {
      tw.setRecursive(true);
      if (from == null) {
        tw.addTree(new EmptyTreeIterator());
      } else {
        tw.addTree(walk.parseCommit(ObjectId.fromString(from)).getTree());
      }
      tw.addTree(walk.parseCommit(ObjectId.fromString(to)).getTree());
      List<DiffEntry> entries = DiffEntry.scan(tw);
      if (renames) {
        RenameDetector detector = new RenameDetector(repository);
        detector.addAll(entries);
        entries = detector.compute();
      }
      List<ChangedPath> out = new ArrayList<>();
      for (DiffEntry e : entries) {
        out.add(switch (e.getChangeType()) {
          case ADD, COPY -> new ChangedPath(ChangedPath.Change.ADDED, null, e.getNewPath());
          case DELETE -> new ChangedPath(ChangedPath.Change.DELETED, e.getOldPath(), null);
          case MODIFY -> new ChangedPath(ChangedPath.Change.MODIFIED, e.getOldPath(), e.getNewPath());
          case RENAME -> new ChangedPath(ChangedPath.Change.RENAMED, e.getOldPath(), e.getNewPath());
        });
      }
      out.sort((a, b) -> a.path().compareTo(b.path()));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not diff " + from + " and " + to, e);
    }
  }

  /**
   * The commits reachable from {@code tip} but from none of {@code exclude} (unknown ones are ignored), newest first,
   * skipping {@code skip}, at most {@code limit}.
   */
  public List<CommitInfo> log(String tip, Collection<String> exclude, int skip, int limit) {
    try (RevWalk walk = new RevWalk(repository)) {
      walk.markStart(walk.parseCommit(ObjectId.fromString(tip)));
      for (String sha : exclude) {
        if (sha != null && hasCommit(sha)) {
          walk.markUninteresting(walk.parseCommit(ObjectId.fromString(sha)));
        }
      }
      List<CommitInfo> out = new ArrayList<>();
      int seen = 0;
      for (RevCommit c : walk) {
        if (seen++ < skip) {
          continue;
        }
        if (out.size() >= limit) {
          break;
        }
        out.add(info(c));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The number of commits reachable from {@code tip}. */
  public int count(String tip) {
    try (RevWalk walk = new RevWalk(repository)) {
      walk.markStart(walk.parseCommit(ObjectId.fromString(tip)));
      int n = 0;
      for (RevCommit ignored : walk) {
        n++;
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The commit {@code sha}. */
  public CommitInfo commit(String sha) {
    try (RevWalk walk = new RevWalk(repository)) {
      return info(walk.parseCommit(ObjectId.fromString(sha)));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read commit " + sha, e);
    }
  }

  private static CommitInfo info(RevCommit c) {
    return new CommitInfo(c.name(), Arrays.stream(c.getParents()).map(RevCommit::name).toList(),
        c.getAuthorIdent().getName(), c.getAuthorIdent().getEmailAddress(), c.getCommitterIdent().getName(),
        c.getCommitterIdent().getEmailAddress(), c.getCommitterIdent().getWhenAsInstant(), c.getFullMessage());
  }

  // ---- writing -----------------------------------------------------------------------------------------------

  /**
   * Commits {@code changes} on {@code branch} if its head is still {@code expectedHead} (null: the branch must not
   * exist yet, and the commit is its first, a root commit). Changes that change nothing make no commit (answered
   * unchanged), so a retried write is idempotent.
   *
   * @throws HeadMovedException when the branch is not at {@code expectedHead}; nothing was written
   */
  public CommitResult commit(String branch, String expectedHead, FileChanges changes, Committer who,
      String message) {
    requireHead(branch, expectedHead);
    try (RevWalk walk = new RevWalk(repository); ObjectInserter inserter = repository.newObjectInserter()) {
      RevCommit parent = expectedHead == null ? null : walk.parseCommit(ObjectId.fromString(expectedHead));
      ObjectId tree = buildTree(inserter, parent, changes);
      if (parent != null && parent.getTree().equals(tree)) {
        return CommitResult.unchanged(branch, expectedHead);
      }
      ObjectId id = insertCommit(inserter, tree, who, message, parent == null ? List.of() : List.of(parent));
      return update(walk, branch, expectedHead, id, who, "commit: " + firstLine(message));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not commit to " + branch, e);
    }
  }

  /**
   * Creates {@code branch} at the commit {@code from}, with {@code changes} on top as one commit when they change
   * something.
   *
   * @throws HeadMovedException when the branch exists already ({@link HeadMovedException#currentHead()} is its head)
   */
  public CommitResult createBranch(String branch, String from, FileChanges changes, Committer who, String message) {
    requireHead(branch, null);
    try (RevWalk walk = new RevWalk(repository); ObjectInserter inserter = repository.newObjectInserter()) {
      RevCommit start = walk.parseCommit(ObjectId.fromString(from));
      ObjectId tree = buildTree(inserter, start, changes);
      ObjectId target = start;
      if (!start.getTree().equals(tree)) {
        target = insertCommit(inserter, tree, who, message, List.of(start));
      }
      return update(walk, branch, null, target, who, "branch: created from " + from);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create " + branch, e);
    }
  }

  /**
   * Merges {@code source} (a branch or a commit) into {@code target} as a merge commit (never a fast-forward: the
   * merge is one commit of the target's history, with the target's head and the source as parents), if the target's
   * head is still {@code expectedTargetHead}. A source the target contains already is answered unchanged.
   *
   * @throws MergeConflictException when the two sides change the same lines or files; nothing was written
   * @throws HeadMovedException when the target is not at {@code expectedTargetHead}
   */
  public CommitResult merge(String source, String target, String expectedTargetHead, Committer who, String message) {
    requireHead(target, expectedTargetHead);
    if (expectedTargetHead == null) {
      throw new IllegalArgumentException("A merge needs an existing target branch");
    }
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit ours = walk.parseCommit(ObjectId.fromString(expectedTargetHead));
      RevCommit theirs = walk.parseCommit(resolve(source));
      if (walk.isMergedInto(theirs, ours)) {
        return CommitResult.unchanged(target, expectedTargetHead);
      }
      ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(repository, true);
      if (!merger.merge(ours, theirs)) {
        throw new MergeConflictException("Merging " + source + " into " + target, conflicts(merger));
      }
      try (ObjectInserter inserter = repository.newObjectInserter()) {
        ObjectId id = insertCommit(inserter, merger.getResultTreeId(), who, message, List.of(ours, theirs));
        return update(walk, target, expectedTargetHead, id, who, "merge " + source + ": " + firstLine(message));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not merge " + source + " into " + target, e);
    }
  }

  /**
   * Undoes the commit {@code commit} on {@code branch} with one new commit (for a merge commit: undoes what it
   * brought in from its second parent), if the branch's head is still {@code expectedHead}. A commit whose changes
   * are not on the branch any more is answered unchanged.
   *
   * @throws MergeConflictException when later commits changed the same lines
   * @throws HeadMovedException when the branch is not at {@code expectedHead}
   */
  public CommitResult revert(String branch, String expectedHead, String commit, Committer who, String message) {
    requireHead(branch, expectedHead);
    if (expectedHead == null) {
      throw new IllegalArgumentException("A revert needs an existing branch");
    }
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit head = walk.parseCommit(ObjectId.fromString(expectedHead));
      RevCommit undone = walk.parseCommit(ObjectId.fromString(commit));
      if (undone.getParentCount() == 0) {
        throw new IllegalArgumentException("The first commit of a repository cannot be reverted: " + commit);
      }
      RevCommit parent = walk.parseCommit(undone.getParent(0));
      ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(repository, true);
      merger.setBase(undone.getTree());
      if (!merger.merge(head, parent)) {
        throw new MergeConflictException("Reverting " + commit + " on " + branch, conflicts(merger));
      }
      if (merger.getResultTreeId().equals(head.getTree())) {
        return CommitResult.unchanged(branch, expectedHead);
      }
      try (ObjectInserter inserter = repository.newObjectInserter()) {
        ObjectId id = insertCommit(inserter, merger.getResultTreeId(), who, message, List.of(head));
        return update(walk, branch, expectedHead, id, who, "revert: " + firstLine(message));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not revert " + commit + " on " + branch, e);
    }
  }

  /**
   * Brings {@code branch} back to the files of the earlier commit {@code to}, as one new commit on top of its head
   * (history is kept), if the head is still {@code expectedHead}. Answered unchanged when the files are those already.
   *
   * @throws HeadMovedException when the branch is not at {@code expectedHead}
   */
  public CommitResult restore(String branch, String expectedHead, String to, Committer who, String message) {
    requireHead(branch, expectedHead);
    if (expectedHead == null) {
      throw new IllegalArgumentException("A restore needs an existing branch");
    }
    try (RevWalk walk = new RevWalk(repository); ObjectInserter inserter = repository.newObjectInserter()) {
      RevCommit head = walk.parseCommit(ObjectId.fromString(expectedHead));
      RevCommit earlier = walk.parseCommit(ObjectId.fromString(to));
      if (earlier.getTree().equals(head.getTree())) {
        return CommitResult.unchanged(branch, expectedHead);
      }
      ObjectId id = insertCommit(inserter, earlier.getTree(), who, message, List.of(head));
      return update(walk, branch, expectedHead, id, who, "revert: " + firstLine(message));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not restore " + branch + " to " + to, e);
    }
  }

  // ---- plumbing ----------------------------------------------------------------------------------------------

  private void requireHead(String branch, String expectedHead) {
    String current = head(branch).orElse(null);
    if (current == null ? expectedHead != null : !current.equals(expectedHead)) {
      throw new HeadMovedException(branch, expectedHead, current);
    }
  }

  private ObjectId resolve(String branchOrSha) throws IOException {
    if (ObjectId.isId(branchOrSha)) {
      return ObjectId.fromString(branchOrSha);
    }
    Ref ref = repository.exactRef(Constants.R_HEADS + branchOrSha);
    if (ref == null) {
      throw new IllegalArgumentException("No branch " + branchOrSha);
    }
    return ref.getObjectId();
  }

  private ObjectId insertCommit(ObjectInserter inserter, ObjectId tree, Committer who, String message,
      List<? extends ObjectId> parents) throws IOException {
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(tree);
    commit.setParentIds(parents.toArray(ObjectId[]::new));
    commit.setAuthor(who.author());
    commit.setCommitter(who.committer());
    commit.setMessage(message);
    ObjectId id = inserter.insert(commit);
    inserter.flush();
    return id;
  }

  /** Moves {@code branch} from {@code expected} (null: absent) to {@code id}, or throws {@link HeadMovedException}. */
  private CommitResult update(RevWalk walk, String branch, String expected, ObjectId id, Committer who,
      String reflog) throws IOException {
    RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
    update.setNewObjectId(id);
    update.setExpectedOldObjectId(expected == null ? ObjectId.zeroId() : ObjectId.fromString(expected));
    update.setRefLogIdent(who.committer());
    update.setRefLogMessage(reflog, false);
    RefUpdate.Result result = update.update(walk);
    return switch (result) {
      case NEW, FAST_FORWARD -> new CommitResult(branch, id.name(), expected, true);
      case LOCK_FAILURE, REJECTED -> throw new HeadMovedException(branch, expected, head(branch).orElse(null));
      default -> throw new IllegalStateException("Could not update " + branch + ": " + result);
    };
  }

  private ObjectId buildTree(ObjectInserter inserter, RevCommit parent, FileChanges changes) throws IOException {
    DirCache index = DirCache.newInCore();
    DirCacheBuilder builder = index.builder();
    if (parent != null) {
      try (TreeWalk tw = new TreeWalk(repository)) {
        tw.addTree(parent.getTree());
        tw.setRecursive(true);
        while (tw.next()) {
          String path = tw.getPathString();
          if (changes.drops(path)) {
            continue;
          }
          DirCacheEntry entry = new DirCacheEntry(path);
          entry.setFileMode(tw.getFileMode(0));
          entry.setObjectId(tw.getObjectId(0));
          builder.add(entry);
        }
      }
    }
    for (Map.Entry<String, byte[]> file : changes.writes().entrySet()) {
      DirCacheEntry entry = new DirCacheEntry(file.getKey());
      entry.setFileMode(FileMode.REGULAR_FILE);
      entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, file.getValue()));
      builder.add(entry);
    }
    builder.finish();
    return index.writeTree(inserter);
  }

  private static List<String> conflicts(ResolveMerger merger) {
    LinkedHashSet<String> paths = new LinkedHashSet<>(merger.getUnmergedPaths());
    if (merger.getFailingPaths() != null) {
      paths.addAll(merger.getFailingPaths().keySet());
    }
    return paths.stream().sorted().toList();
  }

  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
