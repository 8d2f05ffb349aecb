package io.catalyst.provisioning.web;

import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.catalyst.provisioning.hostname.Hostnames;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The install wizard's subdomain check: is {@code {subdomain}.{sovereign-domain}} free for an Application? */
@RestController
@RequestMapping("/api/v1/provisioning/hostnames")
class HostnameController {

  private final Hostnames hostnames;

  HostnameController(Hostnames hostnames) {
    this.hostnames = hostnames;
  }

  /**
   * {@code {subdomain, hostname, available, reason}}: a subdomain that breaks the rules or is taken is answered
   * {@code available: false} with the reason (200), as is one held by another Organization's install plan (for
   * minutes); only a missing parameter is a 400. Any signed-in user of an Organization (hostnames are Sovereign-wide;
   * the answer names no Application or Organization).
   */
  @GetMapping("/availability")
  Hostnames.Availability availability(Caller caller, @RequestParam(required = false) String subdomain) {
    if (caller.organization() == null && !caller.isSovereignAdmin()) {
      throw ProblemException.forbidden("Checking a subdomain needs a user of an Organization.");
    }
    if (subdomain == null || subdomain.isBlank()) {
      throw ProblemException.invalid("Say which subdomain to check.",
          List.of(FieldProblem.field("subdomain", "is required, e.g. ?subdomain=shop")));
    }
    return hostnames.availability(subdomain, caller.organization());
  }
}
