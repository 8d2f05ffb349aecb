package io.catalyst.catalog.source;

import io.catalyst.catalog.blueprint.Blueprint;
import io.catalyst.catalog.blueprint.BlueprintParser;
import io.catalyst.catalog.blueprint.BlueprintStore;
import io.catalyst.catalog.blueprint.ConfigProblem;
import io.catalyst.catalog.blueprint.StoredBlueprint;
import io.catalyst.catalog.blueprint.StoredVersion;
import io.catalyst.platform.core.semver.Version;
import io.catalyst.catalog.contract.CatalogEvents;
import io.catalyst.catalog.contract.CatalogEvents.Problem;
import io.catalyst.catalog.contract.CatalogEvents.RejectedFile;
import io.catalyst.catalog.source.GitSourceReader.BlueprintFile;
import io.catalyst.catalog.source.GitSourceReader.Snapshot;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers the Blueprints of a Git source: reads the branch head, checks every {@code blueprint.yaml} on its own and
 * against the catalog, publishes the new versions, and keeps a per-file report of what it refused. One broken file
 * never keeps the valid ones of the same push out. A published version is immutable: the same version with other
 * content is refused, and nothing a sync reads ever overwrites what an earlier version published.
 */
@Service
public class BlueprintSync {

  private static final Logger log = LoggerFactory.getLogger(BlueprintSync.class);

  private final SourceStore sources;
  private final BlueprintStore blueprints;
  private final GitSourceReader reader;
  private final Outbox outbox;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final BlueprintParser parser = new BlueprintParser();
  private final Map<String, ReentrantLock> running = new ConcurrentHashMap<>();

  public BlueprintSync(SourceStore sources, BlueprintStore blueprints, GitSourceReader reader, Outbox outbox,
      TransactionTemplate tx, Clock clock) {
    this.sources = sources;
    this.blueprints = blueprints;
    this.reader = reader;
    this.outbox = outbox;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Syncs one source now. With {@code onlyIfMoved} (the schedule) nothing is recorded when the branch head is the
   * commit already synced.
   */
  public Optional<SyncReport> sync(String sourceId, String trigger, boolean onlyIfMoved) {
    ReentrantLock lock = running.computeIfAbsent(sourceId, k -> new ReentrantLock());
    lock.lock();
    try {
      CatalogSource source = sources.find(sourceId)
          .orElseThrow(() -> new IllegalArgumentException("unknown source " + sourceId));
      Instant started = clock.instant();
      Snapshot snapshot;
      try {
        snapshot = reader.read(source);
      } catch (IOException | RuntimeException e) {
        log.warn("Sync of {} failed: {}", sourceId, e.getMessage());
        if (onlyIfMoved && "failed".equals(source.lastStatus())) {
          return Optional.empty(); // still down: reported once, not every interval
        }
        return Optional.of(tx.execute(s -> failed(source, trigger, started, e.getMessage())));
      }
      if (onlyIfMoved && snapshot.commit().equals(source.lastCommit())) {
        return Optional.empty();
      }
      SyncReport report = tx.execute(s -> apply(sources.lock(sourceId), snapshot, trigger, started));
      log.info("Synced {} at {}: {} published, {} unchanged, {} rejected", sourceId, snapshot.commit(),
          report.published(), report.unchanged(), report.rejected());
      return Optional.of(report);
    } finally {
      lock.unlock();
    }
  }

  private SyncReport failed(CatalogSource source, String trigger, Instant started, String error) {
    Instant now = clock.instant();
    String message = "The source could not be read: " + error;
    long run = sources.recordRun(source, trigger, null, started, now, "failed", 0, 0, message, List.of());
    outbox.publish(CatalystEvent.of(CatalogEvents.SYNC_FAILED, "source/" + source.id(), source.organization(),
        new CatalogEvents.SyncFailed(source.id(), source.owner(), source.repo(), source.organization(), null,
            "failed", message, List.of())));
    return new SyncReport(run, source.id(), trigger, null, started, now, "failed", 0, 0, 0, message, List.of());
  }

  private record Candidate(BlueprintFile file, Blueprint blueprint) {}

  private SyncReport apply(CatalogSource source, Snapshot snapshot, String trigger, Instant started) {
    Instant now = clock.instant();
    Map<String, RejectedFile> rejected = new LinkedHashMap<>();
    List<Candidate> candidates = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Map<String, String> sovereignWide = blueprints.sovereignWideOwners();

    for (BlueprintFile file : snapshot.files()) {
      BlueprintParser.Result result = parser.parse(file.content());
      if (!result.ok()) {
        reject(rejected, file.path(), null, null, result.problems());
        continue;
      }
      Blueprint b = result.blueprint();
      List<ConfigProblem> problems = new ArrayList<>();
      String folder = blueprintFolder(file.path());
      if (!folder.equals(b.name()) && !("bp-" + folder).equals(b.name())) {
        problems.add(new ConfigProblem("/metadata/name", "the folder '" + folder + "' holds " + b.name()
            + "; name the folder after the Blueprint (" + b.name() + "/blueprint.yaml)"));
      }
      if (!seen.add(b.name() + "@" + b.version())) {
        problems.add(new ConfigProblem("/spec/version", b.name() + " " + b.version()
            + " is defined by another file of this commit too; each version lives in one file"));
      }
      String owner = sovereignWide.get(b.name());
      if (source.scope() == SourceScope.ORGANIZATION && owner != null) {
        problems.add(new ConfigProblem("/metadata/name", b.name() + " is a Sovereign-wide Blueprint (from "
            + owner + "); give your Organization's Blueprint its own name"));
      } else if (source.scope() != SourceScope.ORGANIZATION && owner != null && !owner.equals(source.id())) {
        problems.add(new ConfigProblem("/metadata/name", b.name() + " is published by the source " + owner
            + "; a name belongs to one source"));
      }
      if (problems.isEmpty()) {
        candidates.add(new Candidate(file, b));
      } else {
        reject(rejected, file.path(), b.name(), b.version().toString(), problems);
      }
    }

    // Dependencies must name Blueprints this source's users can see, in a range some version meets.
    Map<String, List<Version>> known = blueprints.publishedVersions(source.organization());
    candidates.forEach(c -> known.computeIfAbsent(c.blueprint().name(), k -> new ArrayList<>())
        .add(c.blueprint().version()));
    List<Candidate> valid = new ArrayList<>();
    for (Candidate c : candidates) {
      List<ConfigProblem> problems = new ArrayList<>();
      List<Blueprint.Dependency> depends = c.blueprint().depends();
      for (int i = 0; i < depends.size(); i++) {
        Blueprint.Dependency d = depends.get(i);
        List<Version> versions = known.getOrDefault(d.blueprint(), List.of());
        if (versions.isEmpty()) {
          problems.add(new ConfigProblem("/spec/depends/" + i + "/blueprint", d.blueprint() + " is not published "
              + "by any source visible to " + source.id() + "; publish it first or fix the name"));
        } else if (versions.stream().noneMatch(d.version()::isSatisfiedBy)) {
          problems.add(new ConfigProblem("/spec/depends/" + i + "/version", "no published version of "
              + d.blueprint() + " matches " + d.version() + " (published: " + String.join(", ",
              versions.stream().sorted().map(Version::toString).toList()) + ")"));
        }
      }
      if (problems.isEmpty()) {
        valid.add(c);
      } else {
        reject(rejected, c.file().path(), c.blueprint().name(), c.blueprint().version().toString(), problems);
      }
    }

    int published = 0;
    int unchanged = 0;
    Set<Long> touched = new LinkedHashSet<>();
    for (Candidate c : valid) {
      Blueprint b = c.blueprint();
      Optional<StoredBlueprint> stored = blueprints.find(b.name(), source.organization());
      long id = stored.map(StoredBlueprint::id)
          .orElseGet(() -> blueprints.create(b, source.organization(), source.id(), c.file().readme(), now));
      Optional<StoredVersion> existing = stored.isPresent() ? blueprints.version(id, b.version().toString())
          : Optional.empty();
      if (existing.isEmpty()) {
        blueprints.insertVersion(id, b, c.file().readme(), c.file().path(), snapshot.commit(), now);
        published++;
        touched.add(id);
        outbox.publish(CatalystEvent.of(CatalogEvents.VERSION_PUBLISHED, subject(b), source.organization(),
            new CatalogEvents.VersionPublished(b.name(), b.version().toString(), b.digest(), source.organization(),
                b.visibility().wire(), b.card().category(), source.id(), snapshot.commit(), c.file().path())));
        if (b.deprecation() != null) {
          deprecated(b, source);
        }
      } else if (!existing.get().digest().equals(b.digest())) {
        reject(rejected, c.file().path(), b.name(), b.version().toString(), List.of(new ConfigProblem(
            "/spec/version", b.name() + " " + b.version() + " is already published with different content ("
            + existing.get().digest() + ", commit " + abbreviate(existing.get().commit())
            + "); a published version never changes: bump the version")));
      } else {
        unchanged++;
        StoredVersion v = existing.get();
        if (!Objects.equals(v.deprecation(), b.deprecation()) || !Objects.equals(v.readme(), c.file().readme())) {
          blueprints.updateVersionStatus(v.id(), b.deprecation(), c.file().readme(), now);
          touched.add(id);
          if (b.deprecation() != null && v.deprecation() == null) {
            deprecated(b, source);
          }
        }
      }
    }
    touched.forEach(id -> blueprints.refreshCard(id, now));

    List<RejectedFile> files = List.copyOf(rejected.values());
    String status = files.isEmpty() ? "ok" : "rejected-files";
    long run = sources.recordRun(source, trigger, snapshot.commit(), started, now, status, published, unchanged,
        null, files);
    if (!files.isEmpty()) {
      outbox.publish(CatalystEvent.of(CatalogEvents.SYNC_FAILED, "source/" + source.id(), source.organization(),
          new CatalogEvents.SyncFailed(source.id(), source.owner(), source.repo(), source.organization(),
              snapshot.commit(), status, files.size() + " file(s) rejected", files)));
    }
    return new SyncReport(run, source.id(), trigger, snapshot.commit(), started, now, status, published, unchanged,
        files.size(), null, files);
  }

  private void deprecated(Blueprint b, CatalogSource source) {
    outbox.publish(CatalystEvent.of(CatalogEvents.VERSION_DEPRECATED, subject(b), source.organization(),
        new CatalogEvents.VersionDeprecated(b.name(), b.version().toString(), source.organization(), b.deprecation(),
            source.id())));
  }

  private static String subject(Blueprint b) {
    return "blueprint/" + b.name() + "/" + b.version();
  }

  /** {@code bp-x/blueprint.yaml} → {@code bp-x}; {@code bp-x/releases/16/blueprint.yaml} → {@code bp-x}. */
  static String blueprintFolder(String path) {
    String folder = GitSourceReader.parent(path);
    int releases = folder.indexOf("/releases/");
    if (releases > 0) {
      folder = folder.substring(0, releases);
    }
    return folder.substring(folder.lastIndexOf('/') + 1);
  }

  private static void reject(Map<String, RejectedFile> rejected, String path, String name, String version,
      List<ConfigProblem> problems) {
    List<Problem> list = new ArrayList<>();
    RejectedFile previous = rejected.get(path);
    if (previous != null) {
      list.addAll(previous.problems());
    }
    problems.forEach(p -> list.add(new Problem(p.pointer(), p.message())));
    rejected.put(path, new RejectedFile(path, name, version, List.copyOf(list)));
  }

  private static String abbreviate(String sha) {
    return sha == null || sha.length() < 12 ? sha : sha.substring(0, 12);
  }

}
