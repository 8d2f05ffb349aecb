package io.catalyst.platform.web.problem;

import io.catalyst.platform.core.ProblemTypes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns a request body that could not be read into a problem a person can act on: what is wrong, where (a JSON
 * pointer such as {@code /config/replicas}, line and column for broken JSON) and what is expected, in JSON terms.
 * It is built from the parser's structured facts (path, expected type, token, location), never from its message,
 * which names Java types, packages and method signatures.
 */
final class UnreadableBodies {

  /** Segments of a pointer named in a sentence; deeper paths (a nesting attack) are cut there. */
  private static final int MAX_POINTER_SEGMENTS = 12;
  private static final Pattern ACCEPTED_ENUM_VALUES = Pattern.compile("accepted for Enum class: \\[([^\\]]*)]");
  private static final Pattern MAXIMUM = Pattern.compile("maximum allowed \\((\\d+)");

  private UnreadableBodies() {}

  static ProblemDetail describe(HttpMessageNotReadableException ex) {
    JacksonException json = outermostJacksonException(ex);
    if (json == null) {
      String message = ex.getMessage();
      if (message != null && message.startsWith("Required request body is missing")) {
        return malformed("The request has no body. Send a JSON object as the API documentation describes.");
      }
      return malformed("The request body could not be read. Send a JSON object as the API documentation describes.");
    }
    String pointer = pointer(json.getPath());
    if (json instanceof StreamConstraintsException limit) {
      return malformed(tooLarge(limit, pointer));
    }
    if (json instanceof StreamReadException) {
      return malformed("The request body is not valid JSON" + where(pointer) + at(json.getLocation())
          + ". Check for a missing value, quote, comma or closing bracket.");
    }
    if (json instanceof PropertyBindingException unknown) {
      String field = unknown.getPropertyName();
      String target = field != null && !pointer.endsWith("/" + escape(field)) ? pointer + "/" + escape(field) : pointer;
      return invalid(target, "is not a field of this request; check its spelling against the API documentation");
    }
    if (json instanceof InvalidFormatException format && format.getTargetType() != null
        && format.getTargetType().isEnum()) {
      return invalid(pointer, "must be one of " + enumValues(format));
    }
    if (json instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      String expected = expected(mismatch.getTargetType());
      String actual = actual(mismatch.getCurrentToken());
      return invalid(pointer, "must be " + expected
          + (actual != null && !actual.equals(expected) ? ", not " + actual : ""));
    }
    if (json instanceof ValueInstantiationException) {
      return invalid(pointer, "is not a valid value here; check it against the API documentation");
    }
    if (json instanceof MismatchedInputException) {
      return pointer.isEmpty()
          ? malformed("The request body is empty or incomplete. Send a JSON object as the API documentation describes.")
          : invalid(pointer, "could not be read; check it against the API documentation");
    }
    return pointer.isEmpty()
        ? malformed("The request body could not be read. Send a JSON object as the API documentation describes.")
        : invalid(pointer, "could not be read; check it against the API documentation");
  }

  /** RFC 6901: {@code /config/replicas}, {@code /items/0/name}; the whole document is the empty pointer. */
  static String pointer(List<JacksonException.Reference> path) {
    StringBuilder pointer = new StringBuilder();
    for (JacksonException.Reference reference : path) {
      if (reference.getPropertyName() != null) {
        pointer.append('/').append(escape(reference.getPropertyName()));
      } else if (reference.getIndex() >= 0) {
        pointer.append('/').append(reference.getIndex());
      }
    }
    return pointer.toString();
  }

  static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  /** A pointer for a sentence: the body itself is "the request body"; a very deep one is cut. */
  static String named(String pointer) {
    if (pointer.isEmpty()) {
      return "the request body";
    }
    String[] segments = pointer.substring(1).split("/", -1);
    if (segments.length <= MAX_POINTER_SEGMENTS) {
      return pointer;
    }
    return "/" + String.join("/", List.of(segments).subList(0, MAX_POINTER_SEGMENTS)) + "/…";
  }

  private static ProblemDetail invalid(String pointer, String message) {
    String subject = pointer.isEmpty() ? "The request body" : named(pointer);
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "The request is not valid: " + subject + " " + message + ".");
    body.setType(ProblemTypes.VALIDATION);
    body.setTitle("Invalid request");
    body.setProperty("errors", List.of(FieldProblem.pointer(pointer, message)));
    return body;
  }

  private static ProblemDetail malformed(String detail) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    body.setType(ProblemTypes.MALFORMED_REQUEST);
    body.setTitle("Malformed request");
    return body;
  }

  private static String tooLarge(StreamConstraintsException limit, String pointer) {
    String message = limit.getOriginalMessage() == null ? "" : limit.getOriginalMessage();
    Matcher maximum = MAXIMUM.matcher(message);
    String most = maximum.find() ? maximum.group(1) : null;
    if (message.contains("nesting depth")) {
      return "The request body is nested too deeply" + where(pointer)
          + (most != null ? "; at most " + most + " levels of arrays and objects are allowed." : ".");
    }
    if (message.contains("Number value length")) {
      return "A number in the request body" + where(pointer) + " has too many digits"
          + (most != null ? " (at most " + most + ")." : ".");
    }
    return "A value in the request body" + where(pointer) + " is too long"
        + (most != null ? " (at most " + most + " characters)." : ".");
  }

  private static String where(String pointer) {
    return pointer.isEmpty() ? "" : " at " + named(pointer);
  }

  private static String at(TokenStreamLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  /** The values Jackson accepts for the enum (its JSON names), listed in its own message. */
  private static String enumValues(InvalidFormatException ex) {
    Matcher accepted = ACCEPTED_ENUM_VALUES.matcher(String.valueOf(ex.getOriginalMessage()));
    if (accepted.find() && !accepted.group(1).isBlank()) {
      return String.join(", ", accepted.group(1).split(",\\s*"));
    }
    Object[] constants = ex.getTargetType().getEnumConstants();
    StringBuilder names = new StringBuilder();
    for (Object constant : constants) {
      names.append(names.isEmpty() ? "" : ", ").append(((Enum<?>) constant).name());
    }
    return names.toString();
  }

  /** What a JSON value of this Java type looks like, in JSON's words. */
  static String expected(Class<?> type) {
    if (type == String.class || CharSequence.class.isAssignableFrom(type) || type == char.class
        || type == Character.class || type.isEnum()) {
      return "a string";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == int.class || type == long.class || type == short.class || type == byte.class
        || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
        || type == BigInteger.class) {
      return "a whole number";
    }
    if (type.isPrimitive() || Number.class.isAssignableFrom(type) || type == BigDecimal.class) {
      return "a number";
    }
    if (type == UUID.class) {
      return "a UUID string";
    }
    if (type.getPackageName().equals("java.time")) {
      return "an ISO 8601 date or time string";
    }
    if (type == byte[].class) {
      return "a base64 string";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (type.getPackageName().startsWith("java.")) {
      return Map.class.isAssignableFrom(type) ? "an object" : "a string";
    }
    return "an object";
  }

  private static String actual(JsonToken token) {
    if (token == null) {
      return null;
    }
    return switch (token) {
      case START_ARRAY, END_ARRAY -> "an array";
      case START_OBJECT, END_OBJECT, PROPERTY_NAME -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "a whole number";
      case VALUE_NUMBER_FLOAT -> "a decimal number";
      case VALUE_TRUE, VALUE_FALSE -> "true or false";
      case VALUE_NULL -> "null";
      default -> null;
    };
  }

  private static JacksonException outermostJacksonException(Throwable ex) {
    for (Throwable t = ex; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof JacksonException json) {
        return json;
      }
    }
    return null;
  }
}
