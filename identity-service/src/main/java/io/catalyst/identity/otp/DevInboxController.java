package io.catalyst.identity.otp;

import io.catalyst.identity.user.ContactNormalizer;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Local stack and tests only: reads what the SMS test double "sent". Absent unless the dev inbox is enabled. */
@RestController
@ConditionalOnProperty(name = "catalyst.identity.dev-inbox.enabled", havingValue = "true")
@Tag(name = "Dev inbox (local only)")
class DevInboxController {

  private final DevInboxSmsSender inbox;

  DevInboxController(DevInboxSmsSender inbox) {
    this.inbox = inbox;
  }

  @GetMapping("/api/v1/identity/dev/inbox")
  @Operation(summary = "Messages sent to a phone number or email by the SMS/mail test double, newest first")
  Map<String, Object> inbox(@RequestParam String to) {
    String phone = (to.contains("@") ? ContactNormalizer.email(to) : ContactNormalizer.phone(to))
        .orElseThrow(() -> ProblemException.invalid("Give the phone number in international format or an email.",
            List.of(FieldProblem.field("to", "must be a phone number like +96891234567 or an email address"))));
    return Map.of("to", phone, "messages", inbox.to(phone));
  }
}
