package io.catalyst.catalog.web;

import io.catalyst.catalog.marketplace.BlueprintDirectory;
import io.catalyst.catalog.usage.ApplicationUsage;
import io.catalyst.catalog.usage.UsageStore;
import io.catalyst.platform.web.problem.FieldProblem;
import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** "Applications using this Blueprint in your Organization". */
@RestController
class UsageController {

  private final BlueprintDirectory directory;
  private final UsageStore usage;

  UsageController(BlueprintDirectory directory, UsageStore usage) {
    this.directory = directory;
    this.usage = usage;
  }

  record UsagePage(String blueprint, String organization, List<ApplicationUsage> items, int page, int size,
      long total) {}

  @GetMapping("/api/v1/catalog/blueprints/{name}/applications")
  UsagePage applications(Caller caller, @PathVariable String name, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    if (caller.organization() == null) {
      throw ProblemException.badRequest("This list is per Organization and your token names none.");
    }
    if (size < 1 || size > 100 || page < 0) {
      throw ProblemException.invalid("size must be 1 to 100 and page at least 0",
          List.of(FieldProblem.field("size", "1 to 100")));
    }
    directory.find(Viewers.of(caller), name).orElseThrow(() -> ProblemException.notFound("Blueprint " + name));
    String org = caller.organization();
    return new UsagePage(name, org, usage.page(org, name, page, size), page, size, usage.count(org, name));
  }
}
