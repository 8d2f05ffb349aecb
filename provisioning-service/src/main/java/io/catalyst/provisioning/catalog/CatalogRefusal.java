package io.catalyst.provisioning.catalog;

import io.catalyst.platform.web.client.DependencyRefusal;
import java.util.Map;

/** catalog-service refused a request (4xx) with a problem: the reason is the caller's, not an outage. */
public class CatalogRefusal extends DependencyRefusal {

  private final transient Map<String, Object> problem;

  public CatalogRefusal(int status, Map<String, Object> problem) {
    super(status, "catalog-service answered " + status + ": " + problem.getOrDefault("detail", ""));
    this.problem = problem;
  }

  public Map<String, Object> problem() {
    return problem;
  }

  public String detail() {
    Object detail = problem.get("detail");
    return detail == null ? "" : detail.toString();
  }
}
