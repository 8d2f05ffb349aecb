package io.catalyst.provisioning.catalog;

import java.util.Map;

/** catalog-service refused a request (4xx) with a problem: the reason is the caller's, not an outage. */
public class CatalogRefusal extends RuntimeException {

  private final int status;
  private final transient Map<String, Object> problem;

  public CatalogRefusal(int status, Map<String, Object> problem) {
    super("catalog-service answered " + status + ": " + problem.getOrDefault("detail", ""));
    this.status = status;
    this.problem = problem;
  }

  public int status() {
    return status;
  }

  public Map<String, Object> problem() {
    return problem;
  }

  public String detail() {
    Object detail = problem.get("detail");
    return detail == null ? "" : detail.toString();
  }
}
