package io.catalyst.platform.events;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.config.KafkaListenerEndpointRegistrar;
import org.springframework.kafka.config.MethodKafkaListenerEndpoint;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;

/**
 * Registers one Kafka listener per {@link CatalystEventListener} bean, on the application's default listener container
 * factory (so the consumers' retries, dead-letter topic and observation are those of every listener), each calling
 * its {@link EventDispatcher}.
 */
public class CatalystEventListeners implements KafkaListenerConfigurer, ApplicationContextAware {

  private static final Method ON_RECORD;

  static {
    try {
      ON_RECORD = EventDispatcher.class.getMethod("onRecord", ConsumerRecord.class);
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Inbox inbox;
  private final List<EventDispatcher> dispatchers = new ArrayList<>();
  private ApplicationContext context;

  public CatalystEventListeners(Inbox inbox) {
    this.inbox = inbox;
  }

  @Override
  public void setApplicationContext(ApplicationContext context) throws BeansException {
    this.context = context;
  }

  @Override
  public void configureKafkaListeners(KafkaListenerEndpointRegistrar registrar) {
    DefaultMessageHandlerMethodFactory handlerMethods = new DefaultMessageHandlerMethodFactory();
    handlerMethods.setBeanFactory(context.getAutowireCapableBeanFactory());
    handlerMethods.afterPropertiesSet();
    for (Map.Entry<String, Object> bean : context.getBeansWithAnnotation(CatalystEventListener.class).entrySet()) {
      CatalystEventListener listener = context.findAnnotationOnBean(bean.getKey(), CatalystEventListener.class);
      // Handlers are called on the bean itself: they run inside the inbox's transaction already.
      Object target = bean.getValue();
      for (Object inner = AopProxyUtils.getSingletonTarget(target); inner != null;
          inner = AopProxyUtils.getSingletonTarget(target)) {
        target = inner;
      }
      EventDispatcher dispatcher = EventDispatcher.of(target, AopUtils.getTargetClass(bean.getValue()),
          listener.consumer(), List.of(listener.topics()), inbox);
      dispatchers.add(dispatcher);

      MethodKafkaListenerEndpoint<String, byte[]> endpoint = new MethodKafkaListenerEndpoint<>();
      endpoint.setId(listener.consumer());
      endpoint.setGroupId(listener.consumer());
      endpoint.setTopics(listener.topics());
      endpoint.setBean(dispatcher);
      endpoint.setMethod(ON_RECORD);
      endpoint.setMessageHandlerMethodFactory(handlerMethods);
      registrar.registerEndpoint(endpoint);
    }
  }

  /** The dispatchers registered, one per {@link CatalystEventListener} bean. */
  public List<EventDispatcher> dispatchers() {
    return List.copyOf(dispatchers);
  }

  /** The dispatcher of {@code consumer}, e.g. to hand it an event in a test. */
  public EventDispatcher dispatcher(String consumer) {
    return dispatchers.stream().filter(d -> d.consumer().equals(consumer)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No @CatalystEventListener with consumer " + consumer));
  }
}
