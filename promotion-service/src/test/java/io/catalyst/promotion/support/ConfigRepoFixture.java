package io.catalyst.promotion.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** A {@code system/catalyst-config} repository on disk whose {@code main} the test commits files to (or deletes them). */
public final class ConfigRepoFixture {

  private final Path work;

  public ConfigRepoFixture(Path work) {
    this.work = work;
    try {
      Files.createDirectories(work);
      Git.init().setDirectory(work.toFile()).setInitialBranch("main").call().close();
    } catch (IOException | GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The repository's directory: a {@code file://} remote, or what a test Git server serves. */
  public Path directory() {
    return work.resolve(".git");
  }

  /** Writes {@code files} (path → content; null content deletes) and commits them; returns the commit. */
  public synchronized String commit(Map<String, String> files, String message) {
    try (Git git = Git.open(work.toFile())) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path file = work.resolve(f.getKey());
        if (f.getValue() == null) {
          Files.deleteIfExists(file);
          git.rm().addFilepattern(f.getKey()).call();
        } else {
          Files.createDirectories(file.getParent());
          Files.writeString(file, f.getValue());
          git.add().addFilepattern(f.getKey()).call();
        }
      }
      PersonIdent who = new PersonIdent("Test", "test@catalyst.local");
      return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setAllowEmpty(true).call().name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A valid policy file for {@code env} with {@code rules} (YAML list items, indented for {@code rules:}). */
  public static String policy(String env, String rules) {
    return """
        apiVersion: catalyst.openova.io/v1alpha1
        kind: EnvironmentPolicy
        metadata: {name: %s-policy, namespace: catalyst-system}
        spec:
          appliesTo: {environments: [%s]}
          timezone: Asia/Muscat
          rules:
        %s""".formatted(env, env, rules.isBlank() ? "    []\n" : rules);
  }
}
