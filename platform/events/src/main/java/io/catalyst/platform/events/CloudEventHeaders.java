package io.catalyst.platform.events;

/** CloudEvents 1.0 Kafka protocol binding, binary content mode: attributes travel as {@code ce_} headers. */
public final class CloudEventHeaders {
  public static final String SPECVERSION = "ce_specversion";
  public static final String ID = "ce_id";
  public static final String SOURCE = "ce_source";
  public static final String TYPE = "ce_type";
  public static final String SUBJECT = "ce_subject";
  public static final String TIME = "ce_time";
  public static final String ORGANIZATION = "ce_organization";
  public static final String ENVIRONMENT = "ce_environment";
  public static final String ACTOR = "ce_actor";
  public static final String TRACEPARENT = "ce_traceparent";
  /** {@code user}, {@code service} or {@code system} ({@code RequestContext.ActorKind}). */
  public static final String ACTOR_KIND = "ce_actorkind";
  /** The actor's roles, comma-separated. */
  public static final String ACTOR_ROLES = "ce_actorroles";
  /** {@code ui}, {@code git}, {@code api} or {@code system}: how the change entered. */
  public static final String SURFACE = "ce_surface";
  /** The gateway's request id that caused this event, carried through the events it caused in turn. */
  public static final String CORRELATION_ID = "ce_correlationid";
  public static final String CONTENT_TYPE = "content-type";
  /** W3C trace context, read by the consumer's observation so the trace continues through the record. */
  public static final String W3C_TRACEPARENT = "traceparent";

  private CloudEventHeaders() {}
}
