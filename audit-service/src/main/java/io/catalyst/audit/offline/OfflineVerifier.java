package io.catalyst.audit.offline;

import io.catalyst.audit.export.ExportFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a JSON Lines export (docs/audit.md, Offline verification) without the service or its database: each line's
 * SHA-256 over the canonical form rebuilt from the line, each predecessor link, and that sequence numbers follow on
 * within each chain. Names the first broken record and the missing sequence numbers; exit status 0 when the export
 * verifies, 1 when it does not, 2 when it cannot be read.
 *
 * <pre>java -cp audit-service.jar -Dloader.main=io.catalyst.audit.offline.OfflineVerifier \
 *     org.springframework.boot.loader.launch.PropertiesLauncher export.jsonl</pre>
 */
public final class OfflineVerifier {

  /** What a file verified to. {@code firstSequence} per chain says where the export starts. */
  public record Result(long lines, Map<String, Long> firstSequence, Map<String, Long> lastSequence, String firstBroken,
      List<String> missing) {
    public boolean valid() {
      return firstBroken == null && missing.isEmpty();
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private OfflineVerifier() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: OfflineVerifier <export.jsonl>");
      System.exit(2);
    }
    Result result;
    try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
      result = verify(in);
    }
    print(result, System.out);
    System.exit(result.valid() ? 0 : 1);
  }

  static void print(Result r, PrintStream out) {
    out.println((r.valid() ? "VERIFIED " : "NOT VERIFIED ") + r.lines() + " records");
    r.firstSequence().forEach((chain, first) -> out.println("chain " + chain + ": sequences " + first + ".."
        + r.lastSequence().get(chain)));
    if (r.firstBroken() != null) {
      out.println("first broken: " + r.firstBroken());
    }
    r.missing().forEach(m -> out.println("missing: " + m));
  }

  public static Result verify(BufferedReader in) throws IOException {
    Map<String, Long> first = new LinkedHashMap<>();
    Map<String, Long> last = new LinkedHashMap<>();
    Map<String, String> lastHash = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    String broken = null;
    long n = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isBlank()) {
        continue;
      }
      n++;
      JsonNode node;
      JsonNode canonical;
      try {
        node = JSON.readTree(line);
        canonical = JSON.readTree(node.path("auditcanonical").asString());
      } catch (JacksonException e) {
        broken = broken != null ? broken : "line " + n + " is not a line of an audit export";
        continue;
      }
      String hash = node.path("audithash").asString();
      String canonicalWithoutEvent = node.path("auditcanonical").asString();
      String chain = canonical.path(1).asString();
      long sequence = canonical.path(2).asLong();
      String previous = canonical.path(3).isNull() ? null : canonical.path(3).asString();
      String eventId = canonical.path(4).asString();
      String record = "line " + n + ", chain " + chain + " record " + sequence + " (event " + eventId + ")";

      String prefix = ExportFormat.prefix(hash, canonicalWithoutEvent);
      String reason = null;
      if (!line.startsWith(prefix)) {
        reason = "is not in the export's form";
      } else {
        String event = "{" + line.substring(prefix.length());
        if (!sha256(ExportFormat.canonical(canonicalWithoutEvent, event)).equals(hash)) {
          reason = "does not match its hash: it was altered";
        }
      }
      if (!first.containsKey(chain)) {
        first.put(chain, sequence);
      } else if (sequence != last.get(chain) + 1) {
        for (long s = last.get(chain) + 1; s < sequence; s++) {
          missing.add("chain " + chain + " record " + s);
        }
      } else if (reason == null && !lastHash.get(chain).equals(previous)) {
        reason = "names a predecessor hash that is not record " + (sequence - 1) + "'s";
      }
      if (broken == null && reason != null) {
        broken = record + " " + reason;
      }
      last.put(chain, sequence);
      lastHash.put(chain, hash);
    }
    return new Result(n, first, last, broken, missing);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
