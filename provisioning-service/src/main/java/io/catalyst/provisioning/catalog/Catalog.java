package io.catalyst.provisioning.catalog;

import io.catalyst.catalog.contract.CatalogApi;
import io.catalyst.platform.core.ProblemTypes;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The catalog as the install flow sees it: {@link CatalogClient} with the catalog's refusals turned into this
 * service's problems (unknown Blueprint 404, unresolvable tree or no matching version 422, bad range 400) and
 * Organization-private Blueprints of other Organizations hidden (the client's service token sees them all).
 */
@Component
public class Catalog {

  public static final java.net.URI UNRESOLVABLE = ProblemTypes.of("unresolvable-dependencies");

  private final CatalogClient client;

  public Catalog(CatalogClient client) {
    this.client = client;
  }

  public CatalogApi.Resolution resolve(String organization, String blueprint, String version,
      Map<String, Object> config, List<CatalogApi.ExistingApplication> existing) {
    try {
      return client.resolve(blueprint, new CatalogApi.ResolveRequest(version, config, existing));
    } catch (RuntimeException e) {
      throw translate(e, blueprint, version);
    }
  }

  /**
   * An install plan's one call to the catalog: {@code resolve} for {@code organization}, answering the config's
   * validation (defaults filled; an invalid config comes back with no nodes) and, when it is valid, the tree resolved
   * at the validated version with each node's detail. Refusals as {@link #validate} (404, 400) and {@link #resolve}
   * (422); a node private to another Organization is 404 naming it.
   */
  public CatalogApi.Resolution plan(String organization, String blueprint, String version,
      Map<String, Object> config, List<CatalogApi.ExistingApplication> existing) {
    CatalogApi.Resolution resolution;
    try {
      resolution = client.resolve(blueprint, new CatalogApi.ResolveRequest(version, config, existing, organization));
    } catch (RuntimeException e) {
      throw translate(e, blueprint, version);
    }
    if (resolution.validation() == null) {
      throw new IllegalStateException("catalog-service answered a plan's resolve without its validation");
    }
    for (CatalogApi.Node node : resolution.nodes()) {
      if (node.detail() == null) {
        throw new IllegalStateException("catalog-service answered a plan's resolve without the detail of "
            + node.blueprint());
      }
      visible(organization, node.blueprint(), node.detail());
    }
    return resolution;
  }

  public CatalogApi.Validation validate(String blueprint, String version, Map<String, Object> config) {
    try {
      return client.validate(blueprint, new CatalogApi.ValidateRequest(version, config));
    } catch (RuntimeException e) {
      throw translate(e, blueprint, version);
    }
  }

  /** The detail of {@code blueprint@version}, 404 when it is another Organization's private Blueprint. */
  public CatalogApi.Detail detail(String organization, String blueprint, String version) {
    CatalogApi.Detail detail;
    try {
      detail = client.detail(blueprint, version);
    } catch (RuntimeException e) {
      throw translate(e, blueprint, version);
    }
    return visible(organization, blueprint, detail);
  }

  private static CatalogApi.Detail visible(String organization, String blueprint, CatalogApi.Detail detail) {
    if (detail.organization() != null && !detail.organization().equals(organization)) {
      throw ProblemException.notFound("Blueprint " + blueprint);
    }
    return detail;
  }

  private static RuntimeException translate(RuntimeException e, String blueprint, String version) {
    CatalogRefusal refusal = refusal(e);
    if (refusal == null) {
      return e; // an outage: the exception translator answers 503 naming catalog-service
    }
    return switch (refusal.status()) {
      case 404 -> refusal.problem().get("blueprint") instanceof String named && !named.equals(blueprint)
          ? ProblemException.notFound("Blueprint " + named) // a dependency the caller may not see
          : ProblemException.notFound(version == null || version.isBlank() ? "Blueprint " + blueprint
          : "Blueprint " + blueprint + " " + version)
          .with("blueprint", blueprint);
      case 422 -> new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, UNRESOLVABLE,
          "Dependencies cannot be resolved", refusal.detail())
          .with("problems", refusal.problem().getOrDefault("problems", List.of()));
      case 400 -> ProblemException.invalid(refusal.detail(), fieldErrors(refusal.problem()));
      default -> ProblemException.unprocessable("The catalog refused " + blueprint + ": " + refusal.detail());
    };
  }

  @SuppressWarnings("unchecked")
  private static List<FieldProblem> fieldErrors(Map<String, Object> problem) {
    List<FieldProblem> errors = new ArrayList<>();
    if (problem.get("errors") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m) {
          Map<String, Object> error = (Map<String, Object>) m;
          String message = String.valueOf(error.getOrDefault("message", "is not valid"));
          if (error.get("pointer") != null) {
            errors.add(FieldProblem.pointer(String.valueOf(error.get("pointer")), message));
          } else {
            errors.add(FieldProblem.field(String.valueOf(error.getOrDefault("field", "version")), message));
          }
        }
      }
    }
    return errors;
  }

  private static CatalogRefusal refusal(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CatalogRefusal r) {
        return r;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
