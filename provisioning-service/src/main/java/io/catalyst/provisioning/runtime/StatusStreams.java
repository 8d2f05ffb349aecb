package io.catalyst.provisioning.runtime;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The in-process fan-out of Application status changes to the SSE clients of an Environment: one
 * {@code application-status} event per change, a heartbeat comment every {@code stream-heartbeat} (15 s). A client
 * that cannot be written to is dropped. Each replica streams the changes it applied itself.
 */
@Component
public class StatusStreams {

  private final Map<String, Set<SseEmitter>> byEnvironment = new ConcurrentHashMap<>();

  /** A stream of {@code environment}'s changes (the caller was authorized already); no timeout. */
  public SseEmitter subscribe(String environment) {
    SseEmitter emitter = new SseEmitter(0L);
    Set<SseEmitter> set = byEnvironment.computeIfAbsent(environment, e -> ConcurrentHashMap.newKeySet());
    set.add(emitter);
    Runnable remove = () -> set.remove(emitter);
    emitter.onCompletion(remove);
    emitter.onTimeout(remove);
    emitter.onError(e -> remove.run());
    try {
      emitter.send(SseEmitter.event().comment("connected to " + environment));
    } catch (IOException e) {
      remove.run();
    }
    return emitter;
  }

  public void publish(RuntimeEvents.StatusChanged change) {
    Set<SseEmitter> set = byEnvironment.get(change.environment());
    if (set == null) {
      return;
    }
    for (SseEmitter emitter : set) {
      try {
        emitter.send(SseEmitter.event().name("application-status")
            .id(change.application() + "@" + (change.changedAt() == null ? "" : change.changedAt()))
            .data(change, MediaType.APPLICATION_JSON));
      } catch (IOException | IllegalStateException e) {
        set.remove(emitter);
        emitter.completeWithError(e);
      }
    }
  }

  @Scheduled(fixedDelayString = "${catalyst.provisioning.stream-heartbeat:PT15S}",
      initialDelayString = "${catalyst.provisioning.stream-heartbeat:PT15S}")
  void heartbeat() {
    byEnvironment.values().forEach(set -> set.forEach(emitter -> {
      try {
        emitter.send(SseEmitter.event().comment("heartbeat"));
      } catch (IOException | IllegalStateException e) {
        set.remove(emitter);
        emitter.completeWithError(e);
      }
    }));
  }

  /** Ends every stream at shutdown (clients reconnect to another replica). */
  @jakarta.annotation.PreDestroy
  void closeAll() {
    byEnvironment.values().forEach(set -> set.forEach(SseEmitter::complete));
    byEnvironment.clear();
  }

  /** Open streams (for tests and metrics). */
  public int open(String environment) {
    Set<SseEmitter> set = byEnvironment.get(environment);
    return set == null ? 0 : set.size();
  }
}
