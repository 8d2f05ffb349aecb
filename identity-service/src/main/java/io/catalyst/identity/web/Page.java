package io.catalyst.identity.web;

import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;

/** One page of a list, as every Catalyst list answers: {@code {items, page, size, total}}; page ≥ 0, size 1–100. */
public record Page<T>(List<T> items, int page, int size, long total) {

  public static final int MAX_SIZE = 100;

  public static void check(int page, int size) {
    check(page, size, MAX_SIZE);
  }

  /** As {@link #check(int, int)} with another largest size (services may read larger pages). */
  public static void check(int page, int size, int maxSize) {
    List<FieldProblem> problems = new ArrayList<>();
    if (page < 0) {
      problems.add(FieldProblem.field("page", "must be 0 or more"));
    }
    if (size < 1 || size > maxSize) {
      problems.add(FieldProblem.field("size", "must be 1 to " + maxSize));
    }
    if (!problems.isEmpty()) {
      throw ProblemException.invalid("The page is not valid.", problems);
    }
  }
}
