package io.catalyst.platform.events;

/** A record that will never be handled however often it is retried: it goes straight to the dead-letter topic. */
public class MalformedEventException extends RuntimeException {
  public MalformedEventException(String message) {
    super(message);
  }
}
