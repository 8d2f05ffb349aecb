package io.catalyst.platform.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The examples in {@code docs/*.md} and the README work when pasted: a query value that starts with {@code +} (a
 * phone number) is URL-encoded as {@code %2B}, since a bare {@code +} in a query is a space.
 */
class DocsExamplesTest {

  private static final Pattern BARE_PLUS_IN_QUERY = Pattern.compile("[?&][A-Za-z_][A-Za-z0-9_]*=\\+");

  @Test
  void queryValuesInExamplesAreUrlEncoded() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    while (root != null && !Files.isDirectory(root.resolve("docs"))) {
      root = root.getParent();
    }
    assertThat(root).as("the repository root (with docs/)").isNotNull();
    List<String> offending = new ArrayList<>();
    try (Stream<Path> files = Stream.concat(Files.list(root.resolve("docs")), Stream.of(root.resolve("README.md")))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".md") && Files.isRegularFile(f)).toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          if (BARE_PLUS_IN_QUERY.matcher(lines.get(i)).find()) {
            offending.add(root.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    assertThat(offending).as("examples with a bare + in a query value (write %2B)").isEmpty();
  }
}
