package io.catalyst.platform.web.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing wrong with the input: a {@code field} (request property path) or a JSON {@code pointer} (into a document
 * such as a configuration), and a message that says what to fix.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldProblem(String field, String pointer, String message) {

  public static FieldProblem field(String field, String message) {
    return new FieldProblem(field, null, message);
  }

  public static FieldProblem pointer(String pointer, String message) {
    return new FieldProblem(null, pointer, message);
  }
}
