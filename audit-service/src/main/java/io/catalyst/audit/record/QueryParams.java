package io.catalyst.audit.record;

import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Reading the query parameters the audit API shares; a bad one is a 400 problem naming the parameter. */
public final class QueryParams {

  private QueryParams() {}

  /** An RFC 3339 time ({@code 2026-01-01T00:00:00Z}), or null when absent. */
  public static Instant time(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw invalid(name, "must be an RFC 3339 time in UTC such as 2026-01-01T00:00:00Z");
    }
  }

  /** Checks that {@code from} is before {@code to} when both are given. */
  public static void range(Instant from, Instant to) {
    if (from != null && to != null && !from.isBefore(to)) {
      throw invalid("to", "must be after from");
    }
  }

  public static ProblemException invalid(String field, String message) {
    return ProblemException.invalid("The query parameter " + field + " " + message + ".",
        List.of(FieldProblem.field(field, message)));
  }
}
