package io.catalyst.platform.web.client;

import feign.FeignException;
import feign.RequestInterceptor;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;

/**
 * The circuit around every Feign call to another service: its time limit sits just above the Feign read timeout
 * (resilience4j's own default of 1 s would cut calls Feign still waits for), refusals (4xx) do not open it, and the
 * call carries the {@link io.catalyst.platform.core.RequestContext} of the work that made it
 * ({@link RequestContextPropagation}).
 */
@AutoConfiguration
@ConditionalOnClass(Resilience4JCircuitBreakerFactory.class)
public class DependencyCallsConfiguration {

  @Bean
  Customizer<Resilience4JCircuitBreakerFactory> catalystDependencyCircuits(
      @Value("${spring.cloud.openfeign.client.config.default.read-timeout:5000}") long readTimeoutMillis) {
    Duration limit = Duration.ofMillis(readTimeoutMillis).plusSeconds(1);
    return factory -> {
      factory.configureExecutorService(RequestContextPropagation.executor(Executors.newCachedThreadPool()));
      factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
          .timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(limit).build())
          .circuitBreakerConfig(CircuitBreakerConfig.custom()
              .ignoreExceptions(DependencyRefusal.class, FeignException.FeignClientException.class).build())
          .build());
    };
  }

  @Bean
  RequestInterceptor catalystRequestContextPropagation() {
    return RequestContextPropagation.interceptor();
  }
}
