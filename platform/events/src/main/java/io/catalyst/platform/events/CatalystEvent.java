package io.catalyst.platform.events;

import java.util.Objects;

/**
 * An event a service hands to the {@link Outbox}: what happened ({@code type}, e.g.
 * {@code application.installed.v1}, completed to {@code io.catalyst.<service>.application.installed.v1}), to what
 * ({@code subject}), in which Organization (also the Kafka record key) and Environment, by whom, and its data (a
 * record serialized as JSON; it is the service's public contract).
 */
public record CatalystEvent(
    String type, String subject, String organization, String environment, String actor, Object data) {

  public CatalystEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
  }

  public static CatalystEvent of(String type, String subject, String organization, Object data) {
    return new CatalystEvent(type, subject, organization, null, null, data);
  }

  public CatalystEvent inEnvironment(String environment) {
    return new CatalystEvent(type, subject, organization, environment, actor, data);
  }

  public CatalystEvent by(String actor) {
    return new CatalystEvent(type, subject, organization, environment, actor, data);
  }
}
