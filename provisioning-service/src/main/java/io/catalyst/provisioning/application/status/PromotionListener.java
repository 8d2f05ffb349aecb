package io.catalyst.provisioning.application.status;

import io.catalyst.platform.events.CatalystEventHandler;
import io.catalyst.platform.events.CatalystEventListener;
import io.catalyst.platform.events.InboundEvent;
import io.catalyst.platform.events.MalformedEventException;
import io.catalyst.platform.events.Topics;
import io.catalyst.promotion.contract.PromotionEvents;
import io.catalyst.promotion.contract.PromotionEvents.Promotion;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * promotion-service's events ({@code catalyst.promotion.v1}, consumer {@code provisioning-promotion}, through the
 * inbox) as card inputs of the promoted Application in the target Environment ({@link CardState} decides):
 * <ul>
 *   <li>{@code io.catalyst.promotion.promotion.requested.v1} → {@link CardState.PromotionRequested}
 *       ({@code Pending approval});
 *   <li>{@code …approved.v1}, {@code …merged.v1}, {@code …rejected.v1} and {@code …cancelled.v1} →
 *       {@link CardState.PromotionDecided} ({@code Updating}, or back to the state before {@code Pending approval}).
 * </ul>
 * Data: promotion-service's contract {@link PromotionEvents.Promotion} ({@code contracts/promotion}).
 */
@Component
@CatalystEventListener(topics = Topics.PROMOTION, consumer = PromotionListener.CONSUMER)
class PromotionListener {

  static final String CONSUMER = "provisioning-promotion";

  private final ApplicationStatusUpdater updater;
  private final StatusStreams changes;

  PromotionListener(ApplicationStatusUpdater updater, StatusStreams changes) {
    this.updater = updater;
    this.changes = changes;
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
    CardState.Input input = switch (decision) {
      case "requested" -> new CardState.PromotionRequested(p.promotion(), p.sourceEnvironment(), event.time());
      default -> {
        CardState.Decision d = CardState.Decision.valueOf(decision.toUpperCase(Locale.ROOT));
        String before = d == CardState.Decision.REJECTED || d == CardState.Decision.CANCELLED
            ? changes.stateBeforePendingApproval(organization, environment, p.application()).orElse(null) : null;
        yield new CardState.PromotionDecided(d, p.promotion(), p.decidedBy(), p.reason(), before, event.time());
      }
    };
    updater.apply(organization, environment, p.application(), input);
  }
}
