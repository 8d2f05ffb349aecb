package io.catalyst.platform.web.client;

import feign.RequestInterceptor;
import io.catalyst.platform.core.RequestContext;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Carries the {@link RequestContext} of the work that makes a call to another service into that call: the circuit
 * breaker runs Feign on its own threads, so {@link #executor} hands the caller's context to the task, and
 * {@link #interceptor} sends its correlation id as {@code X-Request-Id}. The other service then files the events the
 * call causes under the same correlation id as the request that started it (the actor stays the calling service,
 * whose client-credentials token the call carries).
 */
public final class RequestContextPropagation {

  private RequestContextPropagation() {}

  /** Adds the current work's correlation id to every Feign request (nothing when there is none: the system). */
  public static RequestInterceptor interceptor() {
    return template -> {
      String correlation = RequestContext.current().correlationId();
      if (correlation != null && !template.headers().containsKey(RequestContext.REQUEST_ID_HEADER)) {
        template.header(RequestContext.REQUEST_ID_HEADER, correlation);
      }
    };
  }

  /** {@code delegate}, running every task under the context of the thread that submitted it. */
  public static ExecutorService executor(ExecutorService delegate) {
    return new ContextCarrying(delegate);
  }

  private static final class ContextCarrying extends AbstractExecutorService {
    private final ExecutorService delegate;

    ContextCarrying(ExecutorService delegate) {
      this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
      RequestContext submitter = RequestContext.current();
      delegate.execute(() -> {
        try (RequestContext.Scope scope = RequestContext.open(submitter)) {
          task.run();
        }
      });
    }

    @Override
    public void shutdown() {
      delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
      return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
      return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
      return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      return delegate.awaitTermination(timeout, unit);
    }
  }
}
