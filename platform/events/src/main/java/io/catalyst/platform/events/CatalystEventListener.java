package io.catalyst.platform.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A bean that consumes events: one Kafka listener on {@link #topics()} in consumer group {@link #consumer()}, every
 * record taken once through the {@link Inbox} (the inbox mark and the handler's writes commit in one transaction)
 * and handed to the bean's {@link CatalystEventHandler} method for its CloudEvents type, with its data read as that
 * method's record. A type without a handler is marked and skipped; data that does not read as the record is
 * malformed (dead-lettered without retries); a handler's failure is retried, then dead-lettered.
 *
 * <pre>{@code @Component
 * @CatalystEventListener(topics = Topics.PROVISIONING, consumer = "catalog-sync")
 * class PushListener {
 *   @CatalystEventHandler(ProvisioningEvents.BRANCH_MOVED)
 *   void moved(BranchMoved move, InboundEvent event) { … }
 * }}</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CatalystEventListener {

  /** The topics, e.g. {@link Topics#PROVISIONING}. */
  String[] topics();

  /** The consumer: the Kafka consumer group, the inbox's consumer name and the listener container's id. */
  String consumer();
}
