package io.catalyst.provisioning;

import io.catalyst.platform.testkit.EmbeddedInfrastructure;
import io.catalyst.platform.testkit.ServiceSmokeTest;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedInfrastructure(database = "provisioning")
class ProvisioningServiceSmokeTest extends ServiceSmokeTest {

  ProvisioningServiceSmokeTest() {
    super("provisioning");
  }
}
