package io.catalyst.audit.ingest;

import io.catalyst.audit.chain.AuditChain;
import io.catalyst.platform.events.CatalystEventHandler;
import io.catalyst.platform.events.CatalystEventListener;
import io.catalyst.platform.events.InboundEvent;
import io.catalyst.platform.events.Topics;
import java.time.Clock;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every event of the mesh into the audit trail: one consumer on every topic of {@link Topics}, each record once
 * through the inbox (and unique by event id in the table as well), chained in the order it is ingested.
 *
 * <p>The dead-letter topics ({@code <topic>.DLT}) are not audited: a record there is a copy, same {@code ce_id}, of
 * one on its topic (which audit ingests), parked because some consumer could not handle it. A record audit itself
 * cannot read as a CloudEvent goes to the DLT like any consumer's (docs/audit.md, Ingest).
 */
@Component
@CatalystEventListener(topics = {Topics.IDENTITY, Topics.CATALOG, Topics.PROVISIONING, Topics.PROMOTION,
    Topics.BILLING, Topics.RUNTIME}, consumer = AuditIngest.CONSUMER)
public class AuditIngest {

  public static final String CONSUMER = "audit-ingest";

  private final AuditChain chain;
  private final AuditEvents events;
  private final Clock clock;

  AuditIngest(AuditChain chain, JsonMapper json, Clock clock) {
    this.chain = chain;
    this.events = new AuditEvents(json);
    this.clock = clock;
  }

  @CatalystEventHandler(CatalystEventHandler.ANY_TYPE)
  void ingest(InboundEvent event) {
    chain.append(events.draft(event, clock.instant()));
  }
}
