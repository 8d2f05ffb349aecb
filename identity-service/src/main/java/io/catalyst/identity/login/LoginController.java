package io.catalyst.identity.login;

import io.catalyst.identity.token.Logins;
import io.catalyst.identity.token.SessionTokens;
import io.catalyst.identity.token.TokenResponse;
import io.catalyst.identity.user.ContactNormalizer;
import io.catalyst.identity.web.ClientAddress;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/identity/login")
@Tag(name = "Sign-up and login")
class LoginController {

  private final PasswordLogin passwordLogin;
  private final CodeLogin codeLogin;
  private final SessionTokens sessions;

  LoginController(PasswordLogin passwordLogin, CodeLogin codeLogin, SessionTokens sessions) {
    this.passwordLogin = passwordLogin;
    this.codeLogin = codeLogin;
    this.sessions = sessions;
  }

  record PasswordCredentials(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 200) String password) {}

  record CodeCredentials(@NotBlank String phone, @NotBlank String code) {}

  @PostMapping("/password")
  @Operation(summary = "Sign in with email and password")
  TokenResponse password(@Valid @RequestBody PasswordCredentials credentials, HttpServletRequest http) {
    return sessions.login(passwordLogin.verify(credentials.email(), credentials.password(), ClientAddress.of(http)),
        Logins.PASSWORD);
  }

  @PostMapping("/code")
  @Operation(summary = "Sign in with a phone number and the code sent to it (POST /api/v1/identity/otp first)")
  TokenResponse code(@Valid @RequestBody CodeCredentials credentials, HttpServletRequest http) {
    String phone = ContactNormalizer.phone(credentials.phone()).orElseThrow(() -> ProblemException.invalid(
        "The phone number is not valid.",
        List.of(FieldProblem.field("phone", "must be in international format, e.g. +96891234567"))));
    return sessions.login(codeLogin.verify(phone, credentials.code(), ClientAddress.of(http)), Logins.PHONE_CODE);
  }
}
