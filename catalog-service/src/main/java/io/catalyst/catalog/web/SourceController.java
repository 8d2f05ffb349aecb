package io.catalyst.catalog.web;

import io.catalyst.catalog.source.BlueprintSync;
import io.catalyst.catalog.source.CatalogSource;
import io.catalyst.catalog.source.SourceScope;
import io.catalyst.catalog.source.SourceStore;
import io.catalyst.catalog.source.SyncReport;
import io.catalyst.platform.core.Role;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Blueprint sources and their sync reports, so an author reads why a {@code blueprint.yaml} was refused. An
 * Organization's source is visible only to that Organization (404 elsewhere).
 */
@RestController
@RequestMapping("/api/v1/catalog/sources")
class SourceController {

  private final SourceStore sources;
  private final BlueprintSync sync;

  SourceController(SourceStore sources, BlueprintSync sync) {
    this.sources = sources;
    this.sync = sync;
  }

  record SourceView(String id, String owner, String repo, String url, String branch, String scope,
      String organization, String lastCommit, java.time.Instant lastSyncedAt, String lastStatus) {
    static SourceView of(CatalogSource s) {
      return new SourceView(s.id(), s.owner(), s.repo(), s.url(), s.branch(), s.scope().wire(), s.organization(),
          s.lastCommit(), s.lastSyncedAt(), s.lastStatus());
    }
  }

  @GetMapping
  List<SourceView> list(Caller caller) {
    return sources.all().stream().filter(s -> visible(caller, s)).map(SourceView::of).toList();
  }

  @GetMapping("/{owner}/{repo}/sync-report")
  SyncReport report(Caller caller, @PathVariable String owner, @PathVariable String repo) {
    CatalogSource source = visibleSource(caller, owner, repo);
    return sources.latestReport(source.id())
        .orElseThrow(() -> ProblemException.notFound("A sync report of " + source.id()));
  }

  /** Syncs now and answers the report (org-admin/org-developer for their source, sovereign-admin for all). */
  @PostMapping("/{owner}/{repo}/sync")
  SyncReport syncNow(Caller caller, @PathVariable String owner, @PathVariable String repo) {
    CatalogSource source = visibleSource(caller, owner, repo);
    if (source.scope() == SourceScope.ORGANIZATION) {
      caller.requireRole(Role.ORG_ADMIN, Role.ORG_DEVELOPER);
    } else {
      caller.requireRole(Role.SOVEREIGN_ADMIN);
    }
    return sync.sync(source.id(), "manual", false).orElseThrow();
  }

  private CatalogSource visibleSource(Caller caller, String owner, String repo) {
    return sources.find(CatalogSource.idOf(owner, repo)).filter(s -> visible(caller, s))
        .orElseThrow(() -> ProblemException.notFound("Source " + owner + "/" + repo));
  }

  private static boolean visible(Caller caller, CatalogSource s) {
    return s.organization() == null || caller.canSee(s.organization());
  }
}
