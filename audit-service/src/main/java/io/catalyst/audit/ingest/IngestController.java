package io.catalyst.audit.ingest;

import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit/ingest")
@Tag(name = "Ingest")
class IngestController {

  private final IngestPositions positions;

  IngestController(IngestPositions positions) {
    this.positions = positions;
  }

  @GetMapping
  @Operation(summary = "Ingest position and lag per topic (sovereign-admin)",
      description = "For each audited topic on the broker: the audit consumer's committed position, the end of each "
          + "partition and the lag (records not yet audited; offsets are committed once per poll, so a few "
          + "just-audited records may still count), and the time of the newest audit record. 503 when the broker "
          + "does not answer.")
  IngestPositions.Positions ingest(Caller caller) {
    if (!caller.isSovereignAdmin()) {
      throw ProblemException.forbidden("The ingest position is the Sovereign's: it needs the role sovereign-admin.");
    }
    try {
      return positions.read();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProblemException.unavailable("Kafka");
    } catch (Exception e) {
      throw ProblemException.unavailable("Kafka");
    }
  }
}
