package io.catalyst.identity.verification;

import io.catalyst.platform.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/identity/email-verification")
@Tag(name = "Sign-up and login")
class EmailVerificationController {

  private final EmailVerificationService verification;

  EmailVerificationController(EmailVerificationService verification) {
    this.verification = verification;
  }

  record Verify(String token) {}

  @PostMapping
  @Operation(summary = "Verify an email address with the cat_ver_… token of the verification mail (public)")
  EmailVerificationService.Verified verify(@RequestBody Verify request) {
    return verification.verify(request == null ? null : request.token());
  }

  @PostMapping("/resend")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Mail another verification link to the signed-in user (60 s apart, 5 an hour)")
  EmailVerificationService.Sent resend(Caller caller) {
    return verification.resend(caller);
  }
}
