package io.catalyst.platform.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One store class per table (issue 13 §9): only a table's owning store issues SQL on it. ArchUnit sees classes, not
 * the SQL in their strings, so this reads the service's sources: a line outside comments that names the table after
 * {@code from}, {@code into}, {@code update}, {@code join} or {@code table} is SQL on it.
 */
public final class TableOwners {

  private TableOwners() {}

  /**
   * Fails naming every source file under {@code sources} (e.g. {@code src/main/java}) other than the owner that issues
   * SQL on one of the tables; {@code owners}: table → the owning class's simple name.
   */
  public static void assertOnlyOwnersTouch(Path sources, Map<String, String> owners) {
    Map<String, List<String>> offenders = new TreeMap<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String owner = file.getFileName().toString().replaceFirst("\\.java$", "");
        List<String> lines = Files.readAllLines(file);
        owners.forEach((table, owning) -> {
          if (owning.equals(owner)) {
            return;
          }
          Pattern sql = Pattern.compile("(?i)\\b(from|into|update|join|table)\\s+" + Pattern.quote(table)
              + "(?![\\w-])");
          for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("*") || line.startsWith("/*") || line.startsWith("//")) {
              continue;
            }
            if (sql.matcher(line).find()) {
              offenders.computeIfAbsent(table + " (owned by " + owning + ")", k -> new ArrayList<>())
                  .add(sources.relativize(file) + ":" + (i + 1));
            }
          }
        });
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!offenders.isEmpty()) {
      throw new AssertionError("SQL on a table outside its store; call the store instead: " + offenders);
    }
  }
}
