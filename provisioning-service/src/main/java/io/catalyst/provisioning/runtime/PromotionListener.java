package io.catalyst.provisioning.runtime;

import io.catalyst.platform.events.CatalystEventHandler;
import io.catalyst.platform.events.CatalystEventListener;
import io.catalyst.platform.events.InboundEvent;
import io.catalyst.platform.events.MalformedEventException;
import io.catalyst.platform.events.Topics;
import io.catalyst.promotion.contract.PromotionEvents;
import io.catalyst.promotion.contract.PromotionEvents.Promotion;
import io.catalyst.provisioning.contract.RuntimeEvents;
import java.time.Instant;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * promotion-service's events ({@code catalyst.promotion.v1}, consumer {@code provisioning-promotion}, through the
 * inbox) into the card state {@code Pending approval} of the promoted Application in the target Environment:
 * <ul>
 *   <li>{@code io.catalyst.promotion.promotion.requested.v1} → {@code Pending approval} (reason names the promotion);
 *   <li>{@code …approved.v1} and {@code …merged.v1} → {@code Updating} (the change is on its way to the target branch;
 *       the runtime reports the outcome);
 *   <li>{@code …rejected.v1} and {@code …cancelled.v1} → back to the state before {@code Pending approval}.
 * </ul>
 * Data: promotion-service's contract {@link PromotionEvents.Promotion} ({@code contracts/promotion}).
 */
@Component
@CatalystEventListener(topics = Topics.PROMOTION, consumer = PromotionListener.CONSUMER)
class PromotionListener {

  static final String CONSUMER = "provisioning-promotion";

  private final ApplicationStatusUpdater updater;
  private final JdbcClient jdbc;

  PromotionListener(ApplicationStatusUpdater updater, JdbcClient jdbc) {
    this.updater = updater;
    this.jdbc = jdbc;
  }

  @CatalystEventHandler({PromotionEvents.REQUESTED, PromotionEvents.APPROVED, PromotionEvents.MERGED,
      PromotionEvents.REJECTED, PromotionEvents.CANCELLED})
  void handle(Promotion p, InboundEvent event) {
    String decision = PromotionEvents.decision(event.type());
    String organization = p.organization() != null ? p.organization() : event.organization();
    String environment = p.targetEnvironment() != null ? p.targetEnvironment() : event.environment();
    if (organization == null || p.application() == null || environment == null) {
      throw new MalformedEventException("Promotion event " + event.id() + " names no organization, application or "
          + "target environment");
    }
    Instant time = event.time();
    Map<String, Object> row = jdbc.sql("""
        select status, ready_pods, desired_pods from application
        where organization = :o and name = :a and environment = :e""")
        .param("o", organization).param("a", p.application()).param("e", environment).query().listOfRows()
        .stream().findFirst().orElse(null);
    if (row == null) {
      return; // not an Application of that Environment (anymore)
    }
    Integer ready = (Integer) row.get("ready_pods");
    Integer desired = (Integer) row.get("desired_pods");
    String phase;
    String reason;
    switch (decision) {
      case "requested" -> {
        phase = "PendingApproval";
        reason = "Promotion " + (p.promotion() == null ? "" : p.promotion() + " ") + "from "
            + (p.sourceEnvironment() == null ? "a lower Environment" : p.sourceEnvironment()) + " awaits approval";
      }
      case "approved", "merged" -> {
        phase = "Updating";
        reason = "Promotion " + (p.promotion() == null ? "" : p.promotion() + " ") + decision
            + (p.decidedBy() == null ? "" : " by " + p.decidedBy());
      }
      default -> { // rejected, cancelled: the state before Pending approval
        if (!ApplicationStatus.State.PENDING_APPROVAL.label().equals(row.get("status"))) {
          return;
        }
        phase = jdbc.sql("""
            select data::json->>'previousStatus' from application_status_change
            where organization = :o and application = :a and environment = :e
              and data::json->>'status' = 'Pending approval'
            order by id desc limit 1""")
            .param("o", organization).param("a", p.application()).param("e", environment).query(String.class)
            .optional().orElse("Running");
        reason = "Promotion " + (p.promotion() == null ? "" : p.promotion() + " ") + decision
            + (p.reason() == null ? "" : ": " + p.reason());
        if ("Failed".equals(phase)) {
          reason = "Failed before the promotion; " + reason;
        }
      }
    }
    updater.apply(new RuntimeEvents.Status(organization, environment, p.application(), phase.replace(" ", ""),
        ready, desired, reason, null, time, null));
  }
}
