package io.catalyst.billing;

import io.catalyst.platform.testkit.EmbeddedInfrastructure;
import io.catalyst.platform.testkit.ServiceSmokeTest;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedInfrastructure(database = "billing")
class BillingServiceSmokeTest extends ServiceSmokeTest {

  BillingServiceSmokeTest() {
    super("billing");
  }
}
