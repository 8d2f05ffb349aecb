package io.catalyst.promotion.promotion;

import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/promotion/promotions")
@Tag(name = "Promotions", description = "Promotions between Environment branches, approvals bound to the source head,"
    + " and the gates of the target Environment's policy")
class PromotionController {

  /** Open a promotion of {@code application} from {@code sourceEnvironment}. */
  record OpenRequest(String application, String sourceEnvironment) {}

  /** {@code approve} or {@code reject}, with an optional comment (a rejection's reason). */
  record VerdictRequest(String verdict, String comment) {}

  private final PromotionService promotions;

  PromotionController(PromotionService promotions) {
    this.promotions = promotions;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Open a promotion to the next Environment",
      description = "org-admin or org-developer. Promotes the Application from sourceEnvironment to the next"
          + " Environment the Organization has in the order dev → stg → uat → prod, recording the source branch's"
          + " current head SHA. 404 for an Environment or Application branch not known (or another Organization's),"
          + " 409 when nothing is above the source or a promotion from it is open already. Publishes"
          + " promotion.requested.v1.")
  PromotionView open(@RequestBody OpenRequest request, Caller caller) {
    return promotions.open(caller, request.application(), request.sourceEnvironment());
  }

  @GetMapping("/{id}")
  @Operation(summary = "A promotion, its approvals and its gates now",
      description = "The gates of the target Environment's policy evaluated now: blocked or passing, an explanation"
          + " per gate, and the earliest instant the merge could happen (the time gates, soak and change window,"
          + " assuming what waits for people — approvals, an RE score — arrives by then). An approval given to an"
          + " older source head is listed with counts=false. Another Organization's promotion is 404.")
  PromotionView get(@PathVariable UUID id, Caller caller) {
    return promotions.get(caller, id);
  }

  @GetMapping("/{id}/forecast")
  @Operation(summary = "What the gates would say at another instant",
      description = "The same facts (approvals, source head) evaluated at `at` (ISO-8601 instant, e.g."
          + " 2026-12-10T10:00:00Z): when the soak ends, whether a change window is open then.")
  PromotionView forecast(@PathVariable UUID id, @RequestParam String at, Caller caller) {
    Instant instant;
    try {
      instant = Instant.parse(at);
    } catch (DateTimeParseException e) {
      throw ProblemException.invalid("at is not an instant.", List.of(FieldProblem.field("at",
          "must be an ISO-8601 instant such as 2026-12-10T10:00:00Z")));
    }
    return promotions.forecast(caller, id, instant);
  }

  @PostMapping("/{id}/approvals")
  @Operation(summary = "Approve or reject a promotion",
      description = "By someone the target policy's pr-required rule names (a team or a role; org-admin or"
          + " security-officer when it has none). The approval is bound to the promotion's current source head: a"
          + " later push to the source branch takes it away (promotion.approval-invalidated.v1). The author does not"
          + " approve their own promotion unless the rule says selfApproval: single-admin. A rejection closes the"
          + " promotion. Publishes promotion.approved.v1 or promotion.rejected.v1.")
  PromotionView decide(@PathVariable UUID id, @RequestBody VerdictRequest request, Caller caller) {
    return promotions.decide(caller, id, request.verdict(), request.comment());
  }
}
