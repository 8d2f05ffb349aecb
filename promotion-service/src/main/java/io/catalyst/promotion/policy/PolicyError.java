package io.catalyst.promotion.policy;

/** One thing wrong in a policy file: where ({@code spec.rules[0].minApprovals}) and what to fix. */
public record PolicyError(String path, String message) {

  @Override
  public String toString() {
    return (path.isEmpty() ? "" : path + ": ") + message;
  }
}
