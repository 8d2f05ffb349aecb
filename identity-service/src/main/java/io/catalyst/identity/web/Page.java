package io.catalyst.identity.web;

import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;

/** One page of a list, as every Catalyst list answers: {@code {items, page, size, total}}; page ≥ 0, size 1–100. */
public record Page<T>(List<T> items, int page, int size, long total) {

  public static final int MAX_SIZE = 100;

  public static void check(int page, int size) {
    List<FieldProblem> problems = new ArrayList<>();
    if (page < 0) {
      problems.add(FieldProblem.field("page", "must be 0 or more"));
    }
    if (size < 1 || size > MAX_SIZE) {
      problems.add(FieldProblem.field("size", "must be 1 to 100"));
    }
    if (!problems.isEmpty()) {
      throw ProblemException.invalid("The page is not valid.", problems);
    }
  }
}
