package io.catalyst.provisioning.web;

import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.catalyst.provisioning.application.Applications;
import io.catalyst.provisioning.application.BackstageView;
import io.catalyst.provisioning.install.InstallProperties;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Applications for integrations and portals: {@code ?format=backstage} answers Backstage Component entities. */
@RestController
class PortalController {

  private final BackstageView view;
  private final InstallProperties install;

  PortalController(BackstageView view, InstallProperties install) {
    this.view = view;
    this.install = install;
  }

  @GetMapping("/api/v1/provisioning/applications")
  Applications.Portal list(Caller caller, @RequestParam(required = false) String organization,
      @RequestParam(defaultValue = "json") String format, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "100") int size) {
    if (!format.equals("json") && !format.equals("backstage")) {
      throw ProblemException.invalid("format is json or backstage",
          List.of(FieldProblem.field("format", "must be json or backstage")));
    }
    return view.portal(caller, organization, format.equals("backstage"), install.gitBaseUrl(), page, size);
  }
}
