package io.catalyst.promotion.support;

import io.catalyst.platform.testkit.EmbeddedInfrastructure;
import io.catalyst.platform.testkit.MutableClock;
import io.catalyst.platform.testkit.TestTokens;
import io.catalyst.platform.web.security.CallerArgumentResolver;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.resolver.RepositoryResolver;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The one Spring context of the module's integration tests: embedded PostgreSQL and Kafka (test kit), a movable clock,
 * and {@code system/catalyst-config} served over smart HTTP by JGit's {@link GitServlet} in this process's Tomcat at
 * {@code /git/system/catalyst-config.git}, behind HTTP Basic that takes only a service's access token as password (as
 * provisioning's Git host does for {@code system/*}; provisioning itself cannot start in promotion's tests). The
 * service fetches it over HTTP with {@link TestTokens#service} as its credential.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureMockMvc
@EmbeddedInfrastructure(database = "promotion")
@Import(PromotionIntegrationTest.TestBeans.class)
public abstract class PromotionIntegrationTest {

  protected static final Path ROOT;
  protected static final int PORT;
  protected static final ConfigRepoFixture CONFIG;

  static {
    try {
      ROOT = Files.createTempDirectory("promotion-it");
      try (ServerSocket s = new ServerSocket(0)) {
        PORT = s.getLocalPort();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CONFIG = new ConfigRepoFixture(ROOT.resolve("catalyst-config"));
  }

  @Autowired protected MockMvc mvc;
  @Autowired protected JdbcClient jdbc;
  @Autowired protected MutableClock clock;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
    registry.add("catalyst.security.public-paths[0]", () -> "/git/**");
    registry.add("catalyst.promotion.config-repository.url",
        () -> "http://localhost:" + PORT + "/git/system/catalyst-config.git");
    registry.add("catalyst.promotion.config-repository.work-dir", () -> ROOT.resolve("work").toString());
    registry.add("catalyst.promotion.config-repository.refresh-interval", () -> "PT1H");
    registry.add("catalyst.promotion.config-repository.git.password", () -> TestTokens.service("promotion-service"));
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class TestBeans {

    @Bean
    @Primary
    MutableClock mutableClock() {
      return new MutableClock();
    }

    /** {@code /git/system/catalyst-config.git}: the fixture's repository, fetch only. */
    @Bean
    ServletRegistrationBean<GitServlet> testGitHost() {
      GitServlet git = new GitServlet();
      RepositoryResolver<HttpServletRequest> resolver = (request, name) -> {
        if (!name.equals("system/catalyst-config.git")) {
          throw new RepositoryNotFoundException(name);
        }
        try {
          Repository repo = new FileRepositoryBuilder().setGitDir(CONFIG.directory().toFile()).setMustExist(true)
              .build();
          return repo;
        } catch (IOException e) {
          throw new RepositoryNotFoundException(name, e);
        }
      };
      git.setRepositoryResolver(resolver);
      git.setReceivePackFactory((request, db) -> {
        throw new org.eclipse.jgit.transport.resolver.ServiceNotEnabledException();
      });
      return new ServletRegistrationBean<>(git, "/git/*");
    }

    /** HTTP Basic with a service's access token as the password, as provisioning's Git host asks for system/*. */
    @Bean
    FilterRegistrationBean<Filter> testGitHostAuthentication(JwtDecoder jwt) {
      Filter filter = (req, res, chain) -> {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String header = request.getHeader("Authorization");
        if (header == null || !header.startsWith("Basic ")) {
          response.setHeader("WWW-Authenticate", "Basic realm=\"Catalyst\"");
          response.sendError(401);
          return;
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        String password = decoded.substring(decoded.indexOf(':') + 1);
        try {
          if (!CallerArgumentResolver.fromJwt(jwt.decode(password)).isService()) {
            response.sendError(403);
            return;
          }
        } catch (JwtException e) {
          response.setHeader("WWW-Authenticate", "Basic realm=\"Catalyst\"");
          response.sendError(401);
          return;
        }
        chain.doFilter(req, res);
      };
      FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
      registration.addUrlPatterns("/git/*");
      return registration;
    }
  }

  protected static String serviceToken() {
    return TestTokens.service("provisioning-service");
  }

  protected static String userToken(String user, String org, String... roles) {
    return TestTokens.user(user).org(org).roles(roles).sign();
  }

  protected static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String token) {
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  protected static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
    return request.contentType(MediaType.APPLICATION_JSON).content(body);
  }
}
