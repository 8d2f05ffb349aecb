package io.catalyst.gateway.ratelimit;

import io.catalyst.gateway.web.ClientAddressResolver;
import io.catalyst.gateway.web.ProblemWriter;
import java.security.Principal;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Limits every routed request: per user ({@code sub}) when the token was valid, per client address otherwise.
 * Runs after authentication (so the user is known) and before the body is read or a service is called.
 */
class RateLimitFilter implements GlobalFilter, Ordered {

  /** Before SCG caches a body for a circuit breaker fallback (HIGHEST_PRECEDENCE + 1000). */
  static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

  private final TokenBucketStore buckets;
  private final ClientAddressResolver clientAddresses;
  private final BucketPolicy authenticated;
  private final BucketPolicy anonymous;
  private final ProblemWriter problems;

  RateLimitFilter(TokenBucketStore buckets, ClientAddressResolver clientAddresses, RateLimitProperties properties,
      ProblemWriter problems) {
    this.buckets = buckets;
    this.clientAddresses = clientAddresses;
    this.authenticated = properties.getAuthenticated().toPolicy();
    this.anonymous = properties.getAnonymous().toPolicy();
    this.problems = problems;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    return exchange.getPrincipal()
        .filter(RateLimitFilter::isAuthenticated)
        .map(user -> new Bucket("user:" + user.getName(), authenticated))
        .switchIfEmpty(Mono.fromSupplier(() ->
            new Bucket("ip:" + clientAddresses.resolve(exchange.getRequest()), anonymous)))
        .flatMap(bucket -> buckets.tryConsume(bucket.key(), bucket.policy()))
        .flatMap(decision -> decision.allowed() ? chain.filter(exchange) : refuse(exchange, decision));
  }

  /** Whose bucket a request takes its token from. */
  private record Bucket(String key, BucketPolicy policy) {}

  private Mono<Void> refuse(ServerWebExchange exchange, RateLimitDecision decision) {
    long seconds = decision.retryAfterSeconds();
    exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS,
        "Too many requests from this client; slow down and try again in %d s".formatted(seconds));
  }

  private static boolean isAuthenticated(Principal principal) {
    return principal instanceof Authentication authentication && authentication.isAuthenticated();
  }
}
