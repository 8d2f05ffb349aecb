package io.catalyst.platform.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points a Spring test at the real infrastructure, started once per test JVM and shared by every test context:
 * an embedded PostgreSQL (the named database is created on first use), an embedded Kafka KRaft broker, and the
 * test identity provider's JWKS (tokens from {@link TestTokens} are accepted by the resource server).
 *
 * <p>Put it on a shared abstract test class or a meta-annotation so every test of a module reuses one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface EmbeddedInfrastructure {

  /** The service's database name (one database per service, as in production). Empty: no database. */
  String database() default "";

  /**
   * A login the service runs with while the database's owner login (named as the database, password = name)
   * migrates it, as audit-service does ({@code audit_runtime}; password = name). Empty: the service runs and migrates
   * as the superuser.
   */
  String runtimeLogin() default "";

  /** Whether the test needs the Kafka broker. */
  boolean kafka() default true;
}
