package io.catalyst.audit;

import io.catalyst.platform.testkit.EmbeddedInfrastructure;
import io.catalyst.platform.testkit.ServiceSmokeTest;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedInfrastructure(database = "audit")
class AuditServiceSmokeTest extends ServiceSmokeTest {

  AuditServiceSmokeTest() {
    super("audit");
  }
}
