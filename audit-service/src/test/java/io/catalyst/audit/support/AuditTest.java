package io.catalyst.audit.support;

import io.catalyst.platform.testkit.EmbeddedInfrastructure;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The one Spring context of the module's tests: real PostgreSQL (the service as {@code audit_runtime}, Flyway as the
 * owner {@code audit}, as in the local stack) and a real Kafka broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "catalyst.audit.checkpoint.key-dir=target/audit-keys")
@AutoConfigureMockMvc
@EmbeddedInfrastructure(database = "audit", runtimeLogin = "audit_runtime")
public @interface AuditTest {}
