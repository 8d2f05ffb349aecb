package io.catalyst.platform.web.client;

/**
 * Another Catalyst service refused a call (4xx): the request was wrong, the dependency is healthy. A Feign error
 * decoder throws a subclass of this so that such answers never count towards opening the dependency's circuit.
 */
public class DependencyRefusal extends RuntimeException {

  private final int status;

  public DependencyRefusal(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
