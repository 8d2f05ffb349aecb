package io.catalyst.identity.otp;

import io.catalyst.identity.user.ContactNormalizer;
import io.catalyst.identity.web.ClientAddress;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Sign-up and login")
class OtpController {

  private final OtpService otp;

  OtpController(OtpService otp) {
    this.otp = otp;
  }

  record SendCode(@NotBlank String phone) {}

  @PostMapping("/api/v1/identity/otp")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Send a one-time code by SMS (for sign-up or login by phone)")
  OtpService.Sent send(@Valid @RequestBody SendCode request, HttpServletRequest http) {
    return otp.send(phone(request.phone()), ClientAddress.of(http));
  }

  static String phone(String raw) {
    return ContactNormalizer.phone(raw).orElseThrow(() -> ProblemException.invalid(
        "The phone number is not valid.",
        List.of(FieldProblem.field("phone", "must be in international format, e.g. +96891234567"))));
  }
}
