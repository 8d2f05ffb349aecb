package io.catalyst.billing.support;

import io.catalyst.platform.testkit.EmbeddedInfrastructure;
import io.catalyst.platform.testkit.MutableClock;
import io.catalyst.platform.testkit.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Spring context of billing's integration tests: the real application on the test kit's embedded PostgreSQL
 * and Kafka, with a clock the tests move.
 */
@SpringBootTest
@AutoConfigureMockMvc
@EmbeddedInfrastructure(database = "billing")
@Import(BillingIntegrationTest.TestClock.class)
public abstract class BillingIntegrationTest {

  @Autowired protected MockMvc mvc;
  @Autowired protected JdbcClient jdbc;
  @Autowired protected MutableClock clock;
  /** The application's mapper: the one the outbox writes event data with. */
  @Autowired protected JsonMapper jsonMapper;

  @TestConfiguration(proxyBeanMethods = false)
  static class TestClock {
    @Bean
    @Primary
    MutableClock mutableClock() {
      return new MutableClock();
    }
  }

  protected static String member(String user, String org, String... roles) {
    return TestTokens.user(user).org(org).roles(roles.length == 0 ? new String[] {"org-developer"} : roles).sign();
  }

  protected static String sovereignAdmin() {
    return TestTokens.user("sov").roles("sovereign-admin").sign();
  }

  protected static String service() {
    return TestTokens.service("provisioning-service");
  }

  protected static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String token) {
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  protected static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
    return request.contentType(MediaType.APPLICATION_JSON).content(body);
  }
}
