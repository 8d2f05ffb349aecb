package io.catalyst.platform.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method of a {@link CatalystEventListener} bean that handles the events of the given complete CloudEvents types
 * ({@code io.catalyst.provisioning.branch.moved.v1}, from the producer's contract module). It takes the event's data as
 * the producer's contract record, and optionally the {@link InboundEvent} envelope (id, time, Organization,
 * Environment, actor), in either order; or the envelope alone. It runs inside the inbox's transaction.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CatalystEventHandler {

  /**
   * Every type the listener has no method of its own for (audit's ingest): such a method takes the
   * {@link InboundEvent} envelope alone.
   */
  String ANY_TYPE = "*";

  /** The complete CloudEvents types this method handles, or {@link #ANY_TYPE}. */
  String[] value();
}
