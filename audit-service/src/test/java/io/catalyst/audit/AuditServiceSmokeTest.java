package io.catalyst.audit;

import io.catalyst.audit.support.AuditTest;
import io.catalyst.platform.testkit.ServiceSmokeTest;

@AuditTest
class AuditServiceSmokeTest extends ServiceSmokeTest {

  AuditServiceSmokeTest() {
    super("audit");
  }
}
