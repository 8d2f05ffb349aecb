package io.catalyst.promotion;

import io.catalyst.platform.testkit.EmbeddedInfrastructure;
import io.catalyst.platform.testkit.ServiceSmokeTest;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedInfrastructure(database = "promotion")
class PromotionServiceSmokeTest extends ServiceSmokeTest {

  PromotionServiceSmokeTest() {
    super("promotion");
  }
}
