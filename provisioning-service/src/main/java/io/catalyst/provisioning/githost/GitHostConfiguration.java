package io.catalyst.provisioning.githost;

import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.web.security.Caller;
import io.catalyst.platform.web.security.PersonalAccessTokenIntrospector;
import io.catalyst.platform.web.security.SuspendedOrganizations;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;
import org.eclipse.jgit.transport.resolver.ServiceNotAuthorizedException;
import org.eclipse.jgit.transport.resolver.ServiceNotEnabledException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Git smart-HTTP host at {@code /git/{owner}/{repo}.git}: JGit's {@link GitServlet} in the service's Tomcat,
 * with its own security chain (the Git client authenticates with HTTP Basic, not the API's bearer challenge),
 * repository resolution that hides what the caller may not read, and the push checks.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GitHostProperties.class)
class GitHostConfiguration {

  @Bean
  GitRepositories gitRepositories(GitHostProperties properties) {
    return new GitRepositories(properties);
  }

  @Bean
  OrganizationRepositories organizationRepositories(GitRepositories repositories, java.time.Clock clock,
      BranchMoves moves) {
    return new OrganizationRepositories(repositories, clock, moves);
  }

  @Bean
  JwtAccessTokenVerifier jwtAccessTokenVerifier(JwtDecoder decoder) {
    return new JwtAccessTokenVerifier(decoder);
  }

  /** Personal access tokens, when this process can introspect them (the service kit's introspector). */
  @Bean
  AccessTokenVerifier personalAccessTokenVerifier(ObjectProvider<PersonalAccessTokenIntrospector> introspectors) {
    PersonalAccessTokenIntrospector introspector = introspectors.getIfUnique();
    return introspector == null ? token -> java.util.Optional.empty() : new PersonalAccessTokenVerifier(introspector);
  }

  @Bean
  PromotionPolicyClient promotionPolicyClient() {
    return PromotionPolicyClient.UNAVAILABLE;
  }

  @Bean
  PushPolicy pushPolicy(PromotionPolicyClient promotion) {
    return new PushPolicy(promotion);
  }

  /** Ahead of the service kit's API chain: {@code /git/**} authenticates in {@link GitAuthenticationFilter}. */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 50)
  SecurityFilterChain gitSecurity(HttpSecurity http, ObjectProvider<AccessTokenVerifier> verifiers,
      SuspendedOrganizations suspended) throws Exception {
    GitAuthenticationFilter authentication =
        new GitAuthenticationFilter(verifiers.orderedStream().toList(), suspended);
    http.securityMatcher("/git/**")
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(AbstractHttpConfigurer::disable)
        .anonymous(AbstractHttpConfigurer::disable)
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .addFilterBefore(authentication, AuthorizationFilter.class);
    return http.build();
  }

  @Bean
  ServletRegistrationBean<GitServlet> gitServlet(GitRepositories repositories, PushPolicy policy, Outbox outbox,
      PlatformTransactionManager transactions, BranchMoves moves) {
    GitServlet servlet = new GitServlet();
    servlet.setRepositoryResolver((HttpServletRequest request, String name) -> {
      Caller caller = caller(request);
      RepositoryPath repo = RepositoryPath.parse(name).orElseThrow(() -> new RepositoryNotFoundException(name));
      if (!RepositoryAccess.mayRead(caller, repo)) {
        throw new RepositoryNotFoundException(name); // another Organization's repository does not exist for you
      }
      Repository db = repositories.open(repo);
      request.setAttribute(GitAuthenticationFilter.REPOSITORY, repo);
      return db;
    });
    servlet.setUploadPackFactory((HttpServletRequest request, Repository db) -> {
      UploadPack pack = new UploadPack(db);
      pack.setTimeout(600);
      return pack;
    });
    TransactionTemplate tx = new TransactionTemplate(transactions);
    SecretScanner scanner = new SecretScanner();
    servlet.setReceivePackFactory((HttpServletRequest request, Repository db) -> {
      Caller caller = caller(request);
      RepositoryPath repo = (RepositoryPath) request.getAttribute(GitAuthenticationFilter.REPOSITORY);
      if (repo == null) {
        throw new ServiceNotEnabledException();
      }
      if (!RepositoryAccess.mayPush(caller, repo)) {
        throw new ServiceNotEnabledException("You may read " + repo + " but not push to it");
      }
      ReceivePack pack = new ReceivePack(db);
      // Non-fast-forwards and deletions reach the hook, which refuses them with a message that says what to do.
      pack.setAllowNonFastForwards(true);
      pack.setAllowDeletes(true);
      pack.setAllowBranchDeletes(true);
      pack.setRefLogIdent(io.catalyst.platform.git.Committer.ident(caller.subject()));
      PushSession session = new PushSession(caller, repo, policy, scanner, outbox, tx, moves);
      pack.setPreReceiveHook(session);
      pack.setPostReceiveHook(session);
      return pack;
    });
    ServletRegistrationBean<GitServlet> registration = new ServletRegistrationBean<>(servlet, "/git/*");
    registration.setName("git");
    registration.setLoadOnStartup(1);
    return registration;
  }

  private static Caller caller(HttpServletRequest request) throws ServiceNotAuthorizedException {
    Caller caller = (Caller) request.getAttribute(GitAuthenticationFilter.CALLER);
    if (caller == null) {
      throw new ServiceNotAuthorizedException();
    }
    return caller;
  }
}
