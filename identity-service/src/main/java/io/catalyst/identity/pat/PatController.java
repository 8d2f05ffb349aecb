package io.catalyst.identity.pat;

import io.catalyst.identity.web.Page;
import io.catalyst.platform.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/identity/tokens")
@Tag(name = "Personal access tokens")
class PatController {

  private final PersonalAccessTokens tokens;

  PatController(PersonalAccessTokens tokens) {
    this.tokens = tokens;
  }

  record CreateToken(String name, List<String> scopes, Integer expiresInDays) {}

  record Introspect(String token) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Create a personal access token (cat_pat_…); it is in this answer only")
  PersonalAccessTokens.Created create(Caller caller, @RequestBody CreateToken request) {
    return tokens.create(caller, request.name(), request.scopes(), request.expiresInDays());
  }

  @GetMapping
  @Operation(summary = "Your personal access tokens (never the secrets)")
  Page<PersonalAccessTokens.View> list(Caller caller, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    return tokens.list(caller, page, size);
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Revoke one of your personal access tokens")
  void revoke(Caller caller, @PathVariable UUID id) {
    tokens.revoke(caller, id);
  }

  @PostMapping("/introspect")
  @Operation(summary = "Services only: whether a personal access token is active, and its owner's claims")
  Map<String, Object> introspect(Caller caller, @RequestBody Introspect request) {
    return tokens.introspect(caller, request.token());
  }
}
