package io.catalyst.identity.messaging;

import io.catalyst.platform.core.ProblemTypes;
import io.catalyst.platform.web.problem.ProblemException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * The answer when a message could not be handed to the provider: 503, and the user is told to try again. Thrown
 * inside the transaction that stored the code, invitation or link, so nothing is kept that the user never received.
 */
final class Undelivered {

  private Undelivered() {}

  /** {@code channel}: "text message" or "mail"; {@code service}: the problem's {@code service} member. */
  static ProblemException problem(String channel, String service, Duration retryAfter) {
    return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
        "Message not sent", "The " + channel + " could not be sent right now, so nothing was sent; try again shortly.")
        .with("service", service)
        .retryAfter(retryAfter);
  }

  /** A Sovereign that chose to send no such messages ({@code provider: none}). */
  static ProblemException notOffered(String channel, String service) {
    return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
        "Message not sent", "This Sovereign does not send " + channel + "s; use another way to sign up or invite.")
        .with("service", service);
  }
}
