package io.catalyst.provisioning.web;

import io.catalyst.platform.web.security.Caller;
import io.catalyst.provisioning.application.Applications;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The Applications of an Environment: list, detail, history, configure. */
@RestController
@RequestMapping("/api/v1/provisioning/environments/{environment}/applications")
class ApplicationController {

  /**
   * New config: {@code values} (form values, JSON) or {@code yaml} (raw text); {@code expectedHead} or
   * {@code If-Match} is the head the edit was made on.
   */
  record ConfigChange(Map<String, Object> values, String yaml, String expectedHead, String message) {}

  /** An upgrade: the version (exact, or a range the catalog resolves), {@code force} for a downgrade. */
  record UpgradeRequest(String version, Boolean force, Boolean dryRun, String expectedHead, String message) {}

  record OwnerChange(String team) {}

  private final Applications applications;
  private final io.catalyst.provisioning.application.ConfigChanges changes;
  private final io.catalyst.provisioning.application.ApplicationOperations operations;
  private final io.catalyst.provisioning.billing.BillingClient billing;
  private final io.catalyst.provisioning.application.status.StatusStreams streams;

  ApplicationController(Applications applications, io.catalyst.provisioning.billing.BillingClient billing,
      io.catalyst.provisioning.application.status.StatusStreams streams,
      io.catalyst.provisioning.application.ApplicationOperations operations,
      io.catalyst.provisioning.application.ConfigChanges changes) {
    this.applications = applications;
    this.changes = changes;
    this.operations = operations;
    this.billing = billing;
    this.streams = streams;
  }

  /** The change as it would be committed (diff, values, dependency impact, price), without committing it. */
  @org.springframework.web.bind.annotation.PostMapping("/{application}/config/plan")
  Applications.ChangePlan planChange(Caller caller, @PathVariable String environment,
      @PathVariable String application, @RequestBody ConfigChange change) {
    return changes.planChange(caller, environment, application, change.values(), change.yaml(), billing);
  }

  @GetMapping
  Applications.Page list(Caller caller, @PathVariable String environment,
      @RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    return applications.list(caller, environment, status, page, size);
  }

  /**
   * Live card states: an {@code application-status} event (JSON of {@code application.status-changed.v1}) per change
   * in the Environment, a heartbeat comment every 15 s. Same authorization as the list. A client reconnecting with
   * {@code Last-Event-ID} (or {@code ?lastEventId=}, for clients that cannot set headers) first gets what it missed.
   */
  @GetMapping(path = "/events", produces = org.springframework.http.MediaType.TEXT_EVENT_STREAM_VALUE)
  org.springframework.web.servlet.mvc.method.annotation.SseEmitter events(Caller caller,
      @PathVariable String environment,
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
      @RequestParam(name = "lastEventId", required = false) String lastEventId) {
    return streams.subscribe(applications.authorizeRead(caller, environment),
        lastEventIdHeader != null ? lastEventIdHeader : lastEventId);
  }

  @GetMapping("/{application}")
  ResponseEntity<Applications.Detail> detail(Caller caller, @PathVariable String environment,
      @PathVariable String application, @RequestParam(defaultValue = "0") int historyPage,
      @RequestParam(defaultValue = "20") int historySize) {
    Applications.Detail detail = applications.detail(caller, environment, application, historyPage, historySize);
    ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
    if (detail.lastCommit() != null) {
      ok.eTag("\"" + detail.lastCommit().sha() + "\"");
    }
    return ok.body(detail);
  }

  @GetMapping("/{application}/history")
  Applications.History history(Caller caller, @PathVariable String environment, @PathVariable String application,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
    return applications.history(caller, environment, application, page, size);
  }

  @PutMapping("/{application}/config")
  ResponseEntity<Applications.Configured> configure(Caller caller, @PathVariable String environment,
      @PathVariable String application, @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @RequestBody ConfigChange change) {
    Applications.Configured configured = changes.configure(caller, environment, application, change.values(),
        change.yaml(), ifMatch != null ? ifMatch : change.expectedHead(), change.message());
    return ResponseEntity.ok().eTag("\"" + configured.sha() + "\"").body(configured);
  }

  /** Upgrade (or downgrade, with {@code force}) the Blueprint version: a commit on {@code develop}. */
  @org.springframework.web.bind.annotation.PostMapping("/{application}/upgrade")
  io.catalyst.provisioning.application.ApplicationOperations.Upgrade upgrade(Caller caller,
      @PathVariable String environment, @PathVariable String application,
      @RequestHeader(name = "If-Match", required = false) String ifMatch, @RequestBody UpgradeRequest request) {
    return operations.upgrade(caller, environment, application, request.version(),
        Boolean.TRUE.equals(request.force()), Boolean.TRUE.equals(request.dryRun()),
        ifMatch != null ? ifMatch : request.expectedHead(), request.message());
  }

  /** The upgrade as it would be committed (files, values), without committing it. */
  @org.springframework.web.bind.annotation.PostMapping("/{application}/upgrade/plan")
  io.catalyst.provisioning.application.ApplicationOperations.Upgrade planUpgrade(Caller caller,
      @PathVariable String environment, @PathVariable String application, @RequestBody UpgradeRequest request) {
    return operations.upgrade(caller, environment, application, request.version(),
        Boolean.TRUE.equals(request.force()), true, null, null);
  }

  @org.springframework.web.bind.annotation.PostMapping("/{application}/pause")
  io.catalyst.provisioning.application.ApplicationOperations.Pause pause(Caller caller,
      @PathVariable String environment, @PathVariable String application) {
    return operations.pause(caller, environment, application);
  }

  @org.springframework.web.bind.annotation.PostMapping("/{application}/resume")
  io.catalyst.provisioning.application.ApplicationOperations.Pause resume(Caller caller,
      @PathVariable String environment, @PathVariable String application) {
    return operations.resume(caller, environment, application);
  }

  /** Transfer ownership: a CODEOWNERS commit on every Environment branch naming {@code @{org}/{team}}. */
  @PutMapping("/{application}/owner")
  io.catalyst.provisioning.application.ApplicationOperations.Ownership owner(Caller caller,
      @PathVariable String environment, @PathVariable String application, @RequestBody OwnerChange change) {
    return operations.transfer(caller, environment, application, change.team());
  }
}
