package io.catalyst.identity.signup;

import io.catalyst.identity.token.TokenResponse;
import io.catalyst.identity.web.ClientAddress;
import io.catalyst.platform.web.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/identity/signup")
@Tag(name = "Sign-up and login")
class SignupController {

  private final SignupService signup;

  SignupController(SignupService signup) {
    this.signup = signup;
  }

  @PostMapping("/phone")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Sign up with a phone number and the code sent to it; creates your Organization")
  TokenResponse phone(@RequestBody SignupService.PhoneSignup request, HttpServletRequest http) {
    return uniquely(() -> signup.withPhone(request, ClientAddress.of(http)));
  }

  @PostMapping("/email")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Sign up with an email, the code mailed to it and a password; creates your Organization")
  TokenResponse email(@RequestBody SignupService.EmailSignup request, HttpServletRequest http) {
    return uniquely(() -> signup.withEmail(request, ClientAddress.of(http)));
  }

  /** Two sign-ups racing for one name or contact: the loser gets the same 409 as if it had come second. */
  private static TokenResponse uniquely(Supplier<TokenResponse> action) {
    try {
      return action.get();
    } catch (DuplicateKeyException e) {
      throw ProblemException.conflict("That Organization name, email or phone number was just taken; choose another.");
    }
  }
}
