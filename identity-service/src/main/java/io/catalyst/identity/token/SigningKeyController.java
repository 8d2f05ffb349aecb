package io.catalyst.identity.token;

import io.catalyst.identity.contract.IdentityEvents;
import io.catalyst.identity.web.Page;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Sovereign's signing keys for its sovereign-admins: start a rotation on demand (the same rules as the scheduled
 * one: published at once, signing after publish-ahead, the old key kept until its tokens have expired) and list the
 * keys with their states. Never any private material.
 */
@RestController
@RequestMapping("/api/v1/identity/keys")
@Tag(name = "Signing keys")
class SigningKeyController {

  private final SigningKeyStore store;

  SigningKeyController(SigningKeyStore store) {
    this.store = store;
  }

  record Rotation(String kid, Instant publishedAt, Instant signingFrom, String signingNow) {}

  @PostMapping("/rotation")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Start a signing-key rotation (sovereign-admin): the new key is published now and signs"
      + " after publish-ahead")
  Rotation rotate(Caller caller) {
    requireSovereignAdmin(caller);
    SigningKey next = store.rotate(SigningKeyStore.TRIGGER_ON_DEMAND, caller.subject());
    return new Rotation(next.kid(), next.createdAt(), next.signingFrom(), store.signer().kid());
  }

  @GetMapping
  @Operation(summary = "The signing keys with their states (upcoming, signing, retiring, expired) and times"
      + " (sovereign-admin)")
  Page<Map<String, Object>> list(Caller caller) {
    requireSovereignAdmin(caller);
    List<Map<String, Object>> items = store.describe().stream().map(SigningKeyController::view).toList();
    return new Page<>(items, 0, items.size(), items.size());
  }

  private static Map<String, Object> view(KeyRotation.Described key) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kid", key.kid());
    out.put("algorithm", "RS256");
    out.put("state", key.state().value());
    out.put("createdAt", key.createdAt());
    out.put("signingFrom", key.signingFrom());
    out.put("supersededAt", key.supersededAt());
    out.put("publishedUntil", key.publishedUntil());
    return out;
  }

  private static void requireSovereignAdmin(Caller caller) {
    if (!caller.isSovereignAdmin()) {
      throw ProblemException.forbidden("This needs the role sovereign-admin.");
    }
  }

  /** Publishes {@code signing-key.rotated.v1} for every rotation, on demand or scheduled, with the new key's row. */
  @Component
  static class RotationEvents implements SmartInitializingSingleton {

    private final SigningKeyStore store;
    private final Outbox outbox;

    RotationEvents(SigningKeyStore store, Outbox outbox) {
      this.store = store;
      this.outbox = outbox;
    }

    @Override
    public void afterSingletonsInstantiated() {
      store.onRotation((next, published, trigger, actor) -> outbox.publish(CatalystEvent.of(
          IdentityEvents.SIGNING_KEY_ROTATED, "signing-keys/" + next.kid(), null,
          new IdentityEvents.SigningKeyRotated(next.kid(), next.signingFrom(), published, trigger)).by(actor)));
    }
  }
}
