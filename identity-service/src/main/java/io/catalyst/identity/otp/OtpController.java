package io.catalyst.identity.otp;

import io.catalyst.identity.user.ContactNormalizer;
import io.catalyst.identity.web.ClientAddress;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
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

  record SendCode(String phone, String email) {}

  @PostMapping("/api/v1/identity/otp")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Send a one-time code: by SMS to a phone (sign-up or login by phone), or by mail to an email"
      + " (email sign-up)")
  OtpService.Sent send(@RequestBody SendCode request, HttpServletRequest http) {
    boolean byPhone = request.phone() != null && !request.phone().isBlank();
    boolean byEmail = request.email() != null && !request.email().isBlank();
    if (byPhone == byEmail) {
      throw ProblemException.invalid("Give a phone number or an email address (one of them) to send the code to.",
          List.of(FieldProblem.field(byPhone ? "email" : "phone", byPhone ? "give either phone or email, not both"
              : "must be a phone number in international format, e.g. +96891234567 (or give an email)")));
    }
    String address = ClientAddress.of(http);
    if (byEmail) {
      return otp.sendToEmail(ContactNormalizer.email(request.email()).orElseThrow(() -> ProblemException.invalid(
          "The email is not valid.", List.of(FieldProblem.field("email", "must be an email address like "
              + "name@example.com")))), address);
    }
    return otp.send(phone(request.phone()), address);
  }

  static String phone(String raw) {
    return ContactNormalizer.phone(raw).orElseThrow(() -> ProblemException.invalid(
        "The phone number is not valid.",
        List.of(FieldProblem.field("phone", "must be in international format, e.g. +96891234567"))));
  }
}
