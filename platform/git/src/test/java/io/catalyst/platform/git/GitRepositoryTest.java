package io.catalyst.platform.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalyst.platform.git.ChangedPath.Change;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real bare repository on disk; the real {@code git} CLI reads back what the library wrote. */
class GitRepositoryTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC);
  private static final Committer LAYLA = Committer.of("layla", CLOCK);

  @TempDir
  Path dir;

  private Path bare;
  private GitRepository git;

  @BeforeEach
  void createRepository() throws Exception {
    bare = dir.resolve("app.git");
    try (Git init = Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call()) {
      // A reflog per branch, as the Git host keeps (bare repositories have none by default).
      init.getRepository().getConfig().setBoolean("core", null, "logAllRefUpdates", true);
      init.getRepository().getConfig().save();
    }
    git = GitRepository.open(bare);
  }

  @AfterEach
  void close() {
    git.close();
  }

  @Test
  void aCommitWritesAndRemovesFilesOnTheExpectedHead() throws Exception {
    CommitResult first = git.commit("main", null, new FileChanges().write("values.yaml", "replicas: 1\n")
        .write("overlays/dev/values.yaml", "a: 1\n").write("overlays/prod/values.yaml", "a: 2\n"), LAYLA, "Install");
    assertThat(first.changed()).isTrue();
    assertThat(first.previousSha()).isNull();

    CommitResult second = git.commit("main", first.sha(), new FileChanges().write("values.yaml", "replicas: 2\n")
        .remove("overlays/dev"), LAYLA, "Configure\n\nmore words");
    assertThat(second.previousSha()).isEqualTo(first.sha());
    assertThat(git.head("main")).hasValue(second.sha());
    assertThat(gitCli("ls-tree", "-r", "--name-only", "main")).isEqualTo("overlays/prod/values.yaml\nvalues.yaml");
    assertThat(gitCli("show", "main:values.yaml")).isEqualTo("replicas: 2");
    assertThat(gitCli("log", "--format=%an <%ae> %aI|%s", "main")).isEqualTo(
        "layla <layla@users.catalyst> 2026-03-01T09:00:00+00:00|Configure\nlayla <layla@users.catalyst> 2026-03-01T09:00:00+00:00|Install");
    assertThat(gitCli("fsck", "--strict")).doesNotContain("error");
  }

  @Test
  void aCommitOnAHeadThatMovedWritesNothingAndSaysWhereTheHeadIs() {
    String base = git.commit("main", null, new FileChanges().write("a.txt", "a"), LAYLA, "a").sha();
    String theirs = git.commit("main", base, new FileChanges().write("b.txt", "b"), LAYLA, "b").sha();

    assertThatThrownBy(() -> git.commit("main", base, new FileChanges().write("c.txt", "c"), LAYLA, "c"))
        .isInstanceOfSatisfying(HeadMovedException.class, e -> {
          assertThat(e.expectedHead()).isEqualTo(base);
          assertThat(e.currentHead()).isEqualTo(theirs);
        });
    assertThatThrownBy(() -> git.commit("main", null, new FileChanges().write("c.txt", "c"), LAYLA, "c"))
        .isInstanceOf(HeadMovedException.class);
    assertThatThrownBy(() -> git.commit("develop", base, new FileChanges().write("c.txt", "c"), LAYLA, "c"))
        .isInstanceOfSatisfying(HeadMovedException.class, e -> assertThat(e.currentHead()).isNull());
    assertThat(git.head("main")).hasValue(theirs);
    assertThat(git.tree(theirs).paths()).containsExactly("a.txt", "b.txt");
  }

  @Test
  void theRefUpdateItselfIsTheCompareAndSwap() throws Exception {
    // Two writers read the same head; the second one's ref update loses even though its own check passed.
    String base = git.commit("main", null, new FileChanges().write("a.txt", "a"), LAYLA, "a").sha();
    try (GitRepository other = GitRepository.open(bare)) {
      other.commit("main", base, new FileChanges().write("b.txt", "b"), LAYLA, "b");
    }
    assertThatThrownBy(() -> git.commit("main", base, new FileChanges().write("c.txt", "c"), LAYLA, "c"))
        .isInstanceOf(HeadMovedException.class);
    assertThat(gitCli("ls-tree", "--name-only", "main")).isEqualTo("a.txt\nb.txt");
  }

  @Test
  void aCommitThatChangesNothingIsNotMade() {
    CommitResult first = git.commit("main", null, new FileChanges().write("a.txt", "a"), LAYLA, "a");
    CommitResult again = git.commit("main", first.sha(), new FileChanges().write("a.txt", "a"), LAYLA, "a");
    assertThat(again.changed()).isFalse();
    assertThat(again.sha()).isEqualTo(first.sha());
  }

  @Test
  void authorAndCommitterDiffer() throws Exception {
    Committer promotion = Committer.onBehalfOf("promotion-service", "layla", CLOCK);
    git.commit("main", null, new FileChanges().write("a.txt", "a"), promotion, "Promote");
    assertThat(gitCli("log", "-1", "--format=%an|%cn <%ce>", "main"))
        .isEqualTo("layla|promotion-service <promotion-service@users.catalyst>");
    assertThat(gitCli("reflog", "show", "--format=%gn|%gs", "main")).isEqualTo("promotion-service|commit: Promote");
  }

  @Test
  void replaceAllMakesTheWrittenFilesTheWholeTree() {
    String first = git.commit("main", null, new FileChanges().write("a.txt", "a").write("d/b.txt", "b"), LAYLA, "1")
        .sha();
    String second = git.commit("main", first, new FileChanges().replaceAll().write("c.txt", "c"), LAYLA, "2").sha();
    assertThat(git.tree(second).paths()).containsExactly("c.txt");
  }

  @Test
  void readsTheTreeOfACommit() {
    String sha = git.commit("main", null, new FileChanges().write("README.md", "hi").write("bp/a/blueprint.yaml", "a")
        .write("bp/a/README.md", "about a").write("bp/b/blueprint.yaml", "b"), LAYLA, "1").sha();
    git.commit("main", sha, new FileChanges().remove("bp"), LAYLA, "2");

    GitTree tree = git.tree(sha);
    assertThat(tree.paths()).containsExactly("README.md", "bp/a/README.md", "bp/a/blueprint.yaml",
        "bp/b/blueprint.yaml");
    assertThat(tree.paths("bp/a")).containsExactly("bp/a/README.md", "bp/a/blueprint.yaml");
    assertThat(tree.list("")).containsExactly("README.md");
    assertThat(tree.list("bp/a")).containsExactly("README.md", "blueprint.yaml");
    assertThat(tree.list("README.md")).isEmpty(); // a file is no folder
    assertThat(tree.readString("bp/a/README.md")).hasValue("about a");
    assertThat(tree.read("bp/a")).isEmpty(); // a folder is no file
    assertThat(tree.read("nothing.txt")).isEmpty();
    assertThat(tree.size("README.md")).hasValue(2);
    assertThat(tree.readAll("bp")).containsOnlyKeys("bp/a/README.md", "bp/a/blueprint.yaml", "bp/b/blueprint.yaml")
        .hasEntrySatisfying("bp/b/blueprint.yaml", b -> assertThat(new String(b, StandardCharsets.UTF_8))
            .isEqualTo("b"));
    assertThat(git.treeAt("main").orElseThrow().paths()).containsExactly("README.md");
    assertThat(git.treeAt("nothing")).isEmpty();
  }

  @Test
  void diffNamesAddedModifiedDeletedAndRenamedPaths() {
    String body = "line one of a long enough file\nline two\nline three\nline four\n";
    String from = git.commit("main", null, new FileChanges().write("keep.txt", "1").write("change.txt", "1")
        .write("gone.txt", "x").write("old/name.yaml", body), LAYLA, "1").sha();
    String to = git.commit("main", from, new FileChanges().write("change.txt", "2").remove("gone.txt")
        .remove("old/name.yaml").write("new/name.yaml", body).write("added.txt", "new"), LAYLA, "2").sha();

    assertThat(git.diff(from, to)).containsExactly(
        new ChangedPath(Change.ADDED, null, "added.txt"),
        new ChangedPath(Change.MODIFIED, "change.txt", "change.txt"),
        new ChangedPath(Change.DELETED, "gone.txt", null),
        new ChangedPath(Change.RENAMED, "old/name.yaml", "new/name.yaml"));
    assertThat(git.diff(from, to, false)).extracting(ChangedPath::path)
        .containsExactly("added.txt", "change.txt", "gone.txt", "new/name.yaml", "old/name.yaml");
    assertThat(git.diff(null, from)).extracting(ChangedPath::change).containsOnly(Change.ADDED);
  }

  @Test
  void mergeMakesAMergeCommitWithBothParentsEvenWhenAFastForwardWouldDo() throws Exception {
    String base = git.commit("main", null, new FileChanges().write("values.yaml", "a: 1\n"), LAYLA, "base").sha();
    git.createBranch("staging", base, new FileChanges(), LAYLA, "branch");
    String staged = git.commit("staging", base, new FileChanges().write("values.yaml", "a: 2\n"), LAYLA, "tune")
        .sha();

    Committer promotion = Committer.onBehalfOf("promotion-service", "layla", CLOCK);
    CommitResult merged = git.merge("staging", "main", base, promotion, "Promote staging to main");
    assertThat(merged.changed()).isTrue();
    assertThat(git.commit(merged.sha()).parents()).containsExactly(base, staged);
    assertThat(git.tree(merged.sha()).readString("values.yaml")).hasValue("a: 2\n");
    assertThat(gitCli("log", "-1", "--format=%P|%s|%an|%cn", "main"))
        .isEqualTo(base + " " + staged + "|Promote staging to main|layla|promotion-service");
    assertThat(git.diff(base, merged.sha())).containsExactly(
        new ChangedPath(Change.MODIFIED, "values.yaml", "values.yaml"));

    // Merged already: nothing to do.
    assertThat(git.merge("staging", "main", merged.sha(), promotion, "again").changed()).isFalse();
    // The target moved since it was read: nothing written.
    assertThatThrownBy(() -> git.merge("staging", "main", base, promotion, "stale"))
        .isInstanceOf(HeadMovedException.class);
  }

  @Test
  void mergeOfDivergedBranchesCombinesThemAndAConflictNamesThePaths() {
    String base = git.commit("main", null, new FileChanges().write("values.yaml", "a: 1\n").write("b.txt", "b\n"),
        LAYLA, "base").sha();
    git.createBranch("staging", base, new FileChanges(), LAYLA, "branch");
    String staging = git.commit("staging", base, new FileChanges().write("values.yaml", "a: 2\n")
        .write("s.txt", "s\n"), LAYLA, "staging").sha();
    String main = git.commit("main", base, new FileChanges().write("m.txt", "m\n"), LAYLA, "hotfix").sha();

    CommitResult merged = git.merge("staging", "main", main, LAYLA, "Promote");
    assertThat(git.tree(merged.sha()).paths()).containsExactly("b.txt", "m.txt", "s.txt", "values.yaml");

    git.commit("main", merged.sha(), new FileChanges().write("values.yaml", "a: 3\n"), LAYLA, "prod only");
    String mainHead = git.head("main").orElseThrow();
    git.commit("staging", staging, new FileChanges().write("values.yaml", "a: 4\n"), LAYLA, "staging again");
    assertThatThrownBy(() -> git.merge("staging", "main", mainHead, LAYLA, "Promote"))
        .isInstanceOfSatisfying(MergeConflictException.class,
            e -> assertThat(e.paths()).containsExactly("values.yaml"));
    assertThat(git.head("main")).hasValue(mainHead);
  }

  @Test
  void revertUndoesOneCommitAndKeepsLaterOnes() throws Exception {
    String base = git.commit("main", null, new FileChanges().write("a.txt", "a1\n").write("b.txt", "b1\n"), LAYLA,
        "base").sha();
    String bad = git.commit("main", base, new FileChanges().write("a.txt", "a2\n").write("new.txt", "n\n"), LAYLA,
        "bad").sha();
    String later = git.commit("main", bad, new FileChanges().write("b.txt", "b2\n"), LAYLA, "later").sha();

    CommitResult reverted = git.revert("main", later, bad, LAYLA, "Revert \"bad\"");
    GitTree tree = git.tree(reverted.sha());
    assertThat(tree.paths()).containsExactly("a.txt", "b.txt");
    assertThat(tree.readString("a.txt")).hasValue("a1\n");
    assertThat(tree.readString("b.txt")).hasValue("b2\n");
    assertThat(git.commit(reverted.sha()).parents()).containsExactly(later);
    assertThat(gitCli("reflog", "show", "-1", "--format=%gs", "main")).isEqualTo("revert: Revert \"bad\"");

    // Reverting it again changes nothing; a commit whose lines changed since cannot be reverted.
    assertThat(git.revert("main", reverted.sha(), bad, LAYLA, "again").changed()).isFalse();
    String overwritten = git.commit("main", reverted.sha(), new FileChanges().write("b.txt", "b3\n"), LAYLA, "b3")
        .sha();
    assertThatThrownBy(() -> git.revert("main", overwritten, later, LAYLA, "Revert later"))
        .isInstanceOfSatisfying(MergeConflictException.class, e -> assertThat(e.paths()).containsExactly("b.txt"));
    assertThatThrownBy(() -> git.revert("main", later, bad, LAYLA, "stale")).isInstanceOf(HeadMovedException.class);
  }

  @Test
  void restoreBringsTheFilesOfAnEarlierCommitBackAsANewCommit() {
    String v1 = git.commit("main", null, new FileChanges().write("a.txt", "1").write("b.txt", "1"), LAYLA, "v1")
        .sha();
    String v2 = git.commit("main", v1, new FileChanges().write("a.txt", "2").remove("b.txt").write("c.txt", "2"),
        LAYLA, "v2").sha();

    CommitResult restored = git.restore("main", v2, v1, LAYLA, "Roll back to v1");
    assertThat(restored.changed()).isTrue();
    assertThat(git.commit(restored.sha()).parents()).containsExactly(v2);
    assertThat(git.diff(v1, restored.sha())).isEmpty();
    assertThat(git.log(restored.sha(), List.of(), 0, 10)).extracting(CommitInfo::shortMessage)
        .containsExactly("Roll back to v1", "v2", "v1");
    assertThat(git.restore("main", restored.sha(), v1, LAYLA, "again").changed()).isFalse();
  }

  @Test
  void createBranchFromACommitWithChangesOnTopAndRefusesAnExistingOne() {
    String base = git.commit("main", null, new FileChanges().write("values.yaml", "a"), LAYLA, "base").sha();
    CommitResult created = git.createBranch("develop", base, new FileChanges().write("overlays/dev/values.yaml", "d"),
        LAYLA, "develop");
    assertThat(created.previousSha()).isNull();
    assertThat(git.commit(created.sha()).parents()).containsExactly(base);
    CommitResult plain = git.createBranch("staging", base, new FileChanges(), LAYLA, "staging");
    assertThat(plain.sha()).isEqualTo(base);
    assertThatThrownBy(() -> git.createBranch("develop", base, new FileChanges(), LAYLA, "again"))
        .isInstanceOfSatisfying(HeadMovedException.class, e -> assertThat(e.currentHead()).isEqualTo(created.sha()));
    assertThat(git.heads()).containsOnlyKeys("develop", "main", "staging");
  }

  @Test
  void logListsTheCommitsBetweenTwoPointsNewestFirst() {
    String one = git.commit("main", null, new FileChanges().write("a.txt", "1"), LAYLA, "one").sha();
    String two = git.commit("main", one, new FileChanges().write("a.txt", "2"), LAYLA, "two\n\nbody").sha();
    String three = git.commit("main", two, new FileChanges().write("a.txt", "3"), LAYLA, "three").sha();

    assertThat(git.log(three, List.of(one), 0, 10)).extracting(CommitInfo::sha).containsExactly(three, two);
    assertThat(git.log(three, List.of("0123456789012345678901234567890123456789"), 1, 1))
        .singleElement().satisfies(c -> {
          assertThat(c.shortMessage()).isEqualTo("two");
          assertThat(c.message()).isEqualTo("two\n\nbody");
          assertThat(c.parents()).containsExactly(one);
          assertThat(c.time()).isEqualTo(CLOCK.instant());
        });
    assertThat(git.count(three)).isEqualTo(3);
    assertThat(git.hasCommit(two)).isTrue();
    assertThat(git.hasCommit("0123456789012345678901234567890123456789")).isFalse();
  }

  @Test
  void pathsOutsideTheRepositoryAreRefused() {
    for (String bad : List.of("/etc/passwd", "../x", "a/../../x", "a//b", ".git/config", "a/", "")) {
      assertThatThrownBy(() -> new FileChanges().write(bad, "x")).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private String gitCli(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git", "--git-dir=" + bare));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }
}
