package io.catalyst.platform.events;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.util.ReflectionUtils;

/**
 * The handlers of one {@link CatalystEventListener}: a record is received through the {@link Inbox} under the
 * listener's consumer and handed to the method for its type, with the data read as that method's record.
 */
public final class EventDispatcher {

  private final String consumer;
  private final List<String> topics;
  private final Inbox inbox;
  private final Map<String, Handler> handlers;

  private EventDispatcher(String consumer, List<String> topics, Inbox inbox, Map<String, Handler> handlers) {
    this.consumer = consumer;
    this.topics = topics;
    this.inbox = inbox;
    this.handlers = handlers;
  }

  /**
   * The dispatcher of {@code target}'s {@link CatalystEventHandler} methods under {@code consumer}; refuses a method
   * that takes anything but one record and the optional {@link InboundEvent}, and a type handled twice.
   */
  public static EventDispatcher of(Object target, Class<?> targetClass, String consumer, List<String> topics,
      Inbox inbox) {
    Map<String, Handler> handlers = new LinkedHashMap<>();
    ReflectionUtils.doWithMethods(targetClass, method -> {
      CatalystEventHandler annotation = method.getAnnotation(CatalystEventHandler.class);
      Handler handler = Handler.of(target, method);
      for (String type : annotation.value()) {
        if (type.equals(CatalystEventHandler.ANY_TYPE) && handler.data() != -1) {
          throw new IllegalStateException(describe(method) + " handles every type: it takes the InboundEvent alone");
        }
        if (!type.startsWith("io.catalyst.") && !type.equals(CatalystEventHandler.ANY_TYPE)) {
          throw new IllegalStateException(describe(method) + " names the type " + type
              + ": give the complete CloudEvents type (io.catalyst.<service>.…), from the producer's contract");
        }
        Handler before = handlers.putIfAbsent(type, handler);
        if (before != null) {
          throw new IllegalStateException("Consumer " + consumer + " handles " + type + " twice: "
              + describe(before.method()) + " and " + describe(method));
        }
      }
    }, method -> method.isAnnotationPresent(CatalystEventHandler.class) && !method.isBridge());
    if (handlers.isEmpty()) {
      throw new IllegalStateException(targetClass.getName() + " is a @CatalystEventListener without any "
          + "@CatalystEventHandler method");
    }
    return new EventDispatcher(consumer, List.copyOf(topics), inbox, Map.copyOf(handlers));
  }

  /** The Kafka listener's entry: the record once through the inbox, then to its handler. */
  public void onRecord(ConsumerRecord<String, byte[]> record) {
    inbox.receive(record, consumer, this::dispatch);
  }

  /**
   * Hands {@code event} to the handler of its type, else to the one of {@link CatalystEventHandler#ANY_TYPE} (none:
   * skipped). Data that does not read as the handler's record
   * is a {@link MalformedEventException}; a handler's exception propagates as it was thrown.
   */
  public void dispatch(InboundEvent event) {
    Handler handler = handlers.getOrDefault(event.type(), handlers.get(CatalystEventHandler.ANY_TYPE));
    if (handler != null) {
      handler.handle(event);
    }
  }

  public String consumer() {
    return consumer;
  }

  public List<String> topics() {
    return topics;
  }

  /** The types this consumer handles. */
  public Set<String> types() {
    return handlers.keySet();
  }

  private static String describe(Method method) {
    return method.getDeclaringClass().getSimpleName() + "." + method.getName();
  }

  /** One method: {@code data} is the index of the record parameter (-1: none), {@code envelope} of the event's. */
  private record Handler(Object target, Method method, Class<?> dataType, int data, int envelope) {

    static Handler of(Object target, Method method) {
      if (Modifier.isStatic(method.getModifiers())) {
        throw new IllegalStateException(describe(method) + " is static: a handler is an instance method");
      }
      Class<?>[] parameters = method.getParameterTypes();
      int data = -1;
      int envelope = -1;
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i] == InboundEvent.class && envelope < 0) {
          envelope = i;
        } else if (data < 0 && parameters[i] != InboundEvent.class) {
          data = i;
        } else {
          data = -2;
        }
      }
      if (parameters.length == 0 || parameters.length > 2 || data == -2) {
        throw new IllegalStateException(describe(method) + " must take the event's record, the InboundEvent, or "
            + "both");
      }
      ReflectionUtils.makeAccessible(method);
      return new Handler(target, method, data < 0 ? null : parameters[data], data, envelope);
    }

    void handle(InboundEvent event) {
      Object[] args = new Object[(data >= 0 ? 1 : 0) + (envelope >= 0 ? 1 : 0)];
      if (data >= 0) {
        args[data] = event.data(dataType);
      }
      if (envelope >= 0) {
        args[envelope] = event;
      }
      try {
        method.invoke(target, args);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(describe(method) + " failed on event " + event.id(), cause);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public String toString() {
    return "EventDispatcher[" + consumer + " on " + topics + ": " + new ArrayList<>(handlers.keySet()) + "]";
  }
}
