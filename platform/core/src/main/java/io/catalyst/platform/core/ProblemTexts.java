package io.catalyst.platform.core;

import java.util.regex.Pattern;

/**
 * The rule every problem writer of the mesh (service-kit's exception translator, the gateway's problem writer)
 * applies last: a 4xx {@code detail} is written for a person, so one that names a Java package or an exception (a
 * library's message passed through, a careless throw) is replaced by {@link #plain} and logged by the writer.
 */
public final class ProblemTexts {

  private static final Pattern INTERNALS = Pattern.compile(
      "\\b(?:io\\.catalyst|java|javax|jakarta|tools\\.jackson|com\\.fasterxml|org\\.springframework|org\\.hibernate"
          + "|org\\.apache|reactor|io\\.netty)(?:\\.[a-z_]\\w*)*\\.[A-Z]\\w*|\\b\\w*Exception\\b");

  private ProblemTexts() {}

  /**
   * Whether {@code detail} names a class of a Java package ({@code java.util.Map}, {@code io.catalyst….Foo$Bar}, a
   * method signature) or an exception. Dotted lowercase names such as event types
   * ({@code io.catalyst.catalog.blueprint.version.published.v1}) are not internals.
   */
  public static boolean namesInternals(String detail) {
    return detail != null && INTERNALS.matcher(detail).find();
  }

  /** A detail that says only what happened, for when the original named internals. */
  public static String plain(int status, String reasonPhrase) {
    return "The request was refused (" + status + (reasonPhrase == null || reasonPhrase.isBlank() ? "" : " "
        + reasonPhrase) + "). Check it against the API documentation.";
  }
}
