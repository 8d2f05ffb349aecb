package io.catalyst.catalog.web;

import io.catalyst.catalog.marketplace.BlueprintDetails;
import io.catalyst.catalog.marketplace.Marketplace;
import io.catalyst.catalog.marketplace.MarketplacePage;
import io.catalyst.catalog.marketplace.MarketplaceQuery;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The marketplace and Blueprint detail pages (public: anonymous visitors see the public catalog). */
@RestController
@RequestMapping("/api/v1/catalog/blueprints")
class BlueprintController {

  private final Marketplace marketplace;
  private final BlueprintDetails details;

  BlueprintController(Marketplace marketplace, BlueprintDetails details) {
    this.marketplace = marketplace;
    this.details = details;
  }

  @GetMapping
  MarketplacePage search(Caller caller, @RequestParam(required = false) String q,
      @RequestParam(required = false) String category, @RequestParam(name = "tag", required = false) List<String> tags,
      @RequestParam(required = false) String sort, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    if (size < 1 || size > MarketplaceQuery.MAX_SIZE) {
      throw ProblemException.invalid("size must be between 1 and " + MarketplaceQuery.MAX_SIZE,
          List.of(FieldProblem.field("size", "must be between 1 and " + MarketplaceQuery.MAX_SIZE)));
    }
    if (page < 0 || page > 10_000) {
      throw ProblemException.invalid("page must be between 0 and 10000",
          List.of(FieldProblem.field("page", "must be between 0 and 10000")));
    }
    if (q != null && q.length() > 200) {
      throw ProblemException.invalid("q is at most 200 characters",
          List.of(FieldProblem.field("q", "at most 200 characters")));
    }
    return marketplace.search(Viewers.of(caller), new MarketplaceQuery(q, category, tags, sort(sort), page, size));
  }

  @GetMapping("/{name}")
  BlueprintDetails.Detail detail(Caller caller, @PathVariable String name,
      @RequestParam(required = false) String version) {
    return details.detail(Viewers.of(caller), name, version).orElseThrow(() -> ProblemException.notFound(
        version == null ? "Blueprint " + name : "Blueprint " + name + " " + version));
  }

  @GetMapping("/{name}/versions")
  List<BlueprintDetails.VersionSummary> versions(Caller caller, @PathVariable String name) {
    return details.versions(Viewers.of(caller), name)
        .orElseThrow(() -> ProblemException.notFound("Blueprint " + name));
  }

  @GetMapping("/{name}/versions/{version}")
  BlueprintDetails.VersionDocument version(Caller caller, @PathVariable String name, @PathVariable String version) {
    return details.version(Viewers.of(caller), name, version)
        .orElseThrow(() -> ProblemException.notFound("Blueprint " + name + " " + version));
  }

  private static MarketplaceQuery.Sort sort(String sort) {
    if (sort == null || sort.isBlank()) {
      return null;
    }
    try {
      return MarketplaceQuery.Sort.valueOf(sort.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalid("sort must be popular, newest, name or relevance",
          List.of(FieldProblem.field("sort", "one of popular, newest, name, relevance")));
    }
  }
}
