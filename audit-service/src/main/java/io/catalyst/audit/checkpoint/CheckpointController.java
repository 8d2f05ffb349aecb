package io.catalyst.audit.checkpoint;

import io.catalyst.audit.record.AuditScope;
import io.catalyst.audit.record.QueryParams;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit/checkpoints")
@Tag(name = "Integrity")
class CheckpointController {

  private final CheckpointService checkpoints;
  private final SigningKeys keys;

  CheckpointController(CheckpointService checkpoints, SigningKeys keys) {
    this.checkpoints = checkpoints;
    this.keys = keys;
  }

  record Keys(List<SigningKeys.PublicKeyInfo> keys) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Sign an Organization's chain head now (Ed25519)",
      description = "org-admin or security-officer of the Organization, or sovereign-admin (any Organization or "
          + "_sovereign). The statement signed is documented in docs/audit.md; 409 when the chain is empty.")
  Checkpoint sign(Caller caller, @Parameter(description = "Organization slug, or _sovereign; default: the caller's")
      @RequestParam(required = false) String organization) {
    return checkpoints.sign(AuditScope.wholeChain(caller, organization));
  }

  @GetMapping
  @Operation(summary = "An Organization's newest checkpoints, each checked against the stored record and the key",
      description = "recordMatches: the record at the checkpoint's sequence still has the signed hash; "
          + "signatureValid: the signature holds under the published key.")
  List<CheckpointService.Checked> list(Caller caller, @RequestParam(required = false) String organization,
      @Parameter(description = "1–500") @RequestParam(defaultValue = "50") int limit) {
    String chain = AuditScope.wholeChain(caller, organization);
    if (limit < 1 || limit > 500) {
      throw QueryParams.invalid("limit", "must be between 1 and 500");
    }
    return checkpoints.list(chain, limit);
  }

  @GetMapping("/keys")
  @Operation(summary = "The public keys checkpoints are signed with (no login needed)",
      description = "Ed25519, X.509 SubjectPublicKeyInfo in base64, oldest first; the newest signs. Keys stay "
          + "published after a rotation so older checkpoints verify.")
  Keys publicKeys() {
    keys.current();
    return new Keys(keys.published());
  }

  @PostMapping("/keys/rotate")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Make a new signing key (sovereign-admin); the old public keys stay published")
  Map<String, String> rotate(Caller caller) {
    if (!caller.isSovereignAdmin()) {
      throw ProblemException.forbidden("Rotating the checkpoint key needs the role sovereign-admin.");
    }
    return Map.of("kid", keys.rotate());
  }
}
