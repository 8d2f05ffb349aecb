package io.catalyst.identity;

import io.catalyst.platform.testkit.EmbeddedInfrastructure;
import io.catalyst.platform.testkit.ServiceSmokeTest;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedInfrastructure(database = "identity")
class IdentityServiceSmokeTest extends ServiceSmokeTest {

  IdentityServiceSmokeTest() {
    super("identity");
  }
}
