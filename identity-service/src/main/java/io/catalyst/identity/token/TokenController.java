package io.catalyst.identity.token;

import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Refresh, logout and sign-out-everywhere of the JSON API's sessions. */
@RestController
@RequestMapping("/api/v1/identity")
@Tag(name = "Sessions")
class TokenController {

  private final SessionTokens sessions;

  TokenController(SessionTokens sessions) {
    this.sessions = sessions;
  }

  record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {}

  @PostMapping("/token/refresh")
  @Operation(summary = "Exchange a refresh token for a new access token and a new refresh token (single use)")
  TokenResponse refresh(@Valid @RequestBody RefreshRequest request) {
    return sessions.refresh(request.refreshToken());
  }

  @PostMapping("/logout")
  @Operation(summary = "End the session a refresh token belongs to")
  ResponseEntity<Void> logout(@Valid @RequestBody RefreshRequest request) {
    sessions.logout(request.refreshToken());
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/logout/everywhere")
  @Operation(summary = "End every session of the calling user")
  Map<String, Object> logoutEverywhere(Caller caller) {
    UUID user;
    try {
      user = UUID.fromString(caller.subject());
    } catch (IllegalArgumentException e) {
      throw ProblemException.forbidden("Only a signed-in user has sessions to end.");
    }
    return Map.of("revokedSessions", sessions.logoutEverywhere(user));
  }
}
