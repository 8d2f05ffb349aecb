package io.catalyst.catalog.source;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * When sources are synced: the configured ones are registered (and the local {@code catalog} seeded) at start, every
 * source on a schedule, and one source as soon as a push to it is reported. Requests run in the background, one at a
 * time per source; a request arriving while that source syncs is coalesced into one more run.
 */
@Component
public class SourceSyncs {

  private static final Logger log = LoggerFactory.getLogger(SourceSyncs.class);

  private final CatalogProperties properties;
  private final SourceStore sources;
  private final BlueprintSync sync;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Set<String> pending = ConcurrentHashMap.newKeySet();

  public SourceSyncs(CatalogProperties properties, SourceStore sources, BlueprintSync sync) {
    this.properties = properties;
    this.sources = sources;
    this.sync = sync;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void start() {
    for (CatalogProperties.Source s : properties.sources()) {
      seedIfAsked(s);
      sources.ensure(s.owner(), s.repo(), s.url(), s.branch());
    }
    sources.all().forEach(s -> request(s.id(), "startup"));
  }

  /**
   * Asks for a sync of {@code sourceId} in the background — after the current transaction commits, if there is one
   * (a source registered by a push event must be visible to the sync).
   */
  public void request(String sourceId, String trigger) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          submit(sourceId, trigger);
        }
      });
    } else {
      submit(sourceId, trigger);
    }
  }

  private void submit(String sourceId, String trigger) {
    if (!pending.add(sourceId)) {
      return; // one is queued already and will see the newest head
    }
    executor.submit(() -> {
      pending.remove(sourceId);
      try {
        sync.sync(sourceId, trigger, false);
      } catch (RuntimeException e) {
        log.error("Sync of {} failed", sourceId, e);
      }
    });
  }

  /**
   * A push reported by provisioning's Git host: syncs the source it went to, registering an Organization's
   * {@code shared-blueprints} on its first push.
   */
  public Optional<String> pushed(String owner, String repo, String branch) {
    String id = CatalogSource.idOf(owner, repo);
    Optional<CatalogSource> known = sources.find(id);
    if (known.isEmpty()) {
      if (SourceScope.ofOwner(owner) != SourceScope.ORGANIZATION || !repo.equals(properties.organizationSourceRepo())
          || properties.organizationSourceUrl() == null) {
        return Optional.empty();
      }
      String url = properties.organizationSourceUrl().replace("{owner}", owner).replace("{repo}", repo);
      known = Optional.of(sources.ensure(owner, repo, url, "main"));
    }
    if (!known.get().branch().equals(branch)) {
      return Optional.empty();
    }
    request(id, "push");
    return Optional.of(id);
  }

  @Scheduled(fixedDelayString = "${catalyst.catalog.sync-interval:PT5M}",
      initialDelayString = "${catalyst.catalog.sync-interval:PT5M}")
  public void onSchedule() {
    for (CatalogSource s : sources.all()) {
      try {
        sync.sync(s.id(), "schedule", true);
      } catch (RuntimeException e) {
        log.error("Scheduled sync of {} failed", s.id(), e);
      }
    }
  }

  /** Creates the local {@code catalog} repository from {@code seed-from} when it is a file:// URL not there yet. */
  private void seedIfAsked(CatalogProperties.Source s) {
    Path folder = properties.seedFrom();
    if (folder == null || !SourceScope.PUBLIC_OWNER.equals(s.owner()) || !s.url().startsWith("file:")) {
      return;
    }
    Path bare = Path.of(URI.create(s.url()));
    if (Files.exists(bare)) {
      return;
    }
    try {
      String commit = LocalRepositories.createFrom(folder, bare, s.branch(), "Seed the catalog from " + folder);
      log.info("Seeded {} from {} at {}", bare, folder, commit);
    } catch (IOException e) {
      log.error("Could not seed {} from {}", bare, folder, e);
    }
  }
}
