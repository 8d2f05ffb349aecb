package io.catalyst.gateway.openapi;

import io.catalyst.gateway.routing.CatalystService;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.stream.Collectors;
import org.springdoc.core.properties.AbstractSwaggerUiConfigProperties.SwaggerUrl;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springframework.context.annotation.Configuration;

/**
 * The aggregated API docs UI: one entry per service, each reading the service's own OpenAPI document through the
 * gateway ({@code /api/v1/<short>/api-docs}). Built from {@link CatalystService} so a new service cannot be missed.
 */
@Configuration(proxyBeanMethods = false)
class ServiceApiDocs {

  ServiceApiDocs(SwaggerUiConfigProperties swaggerUi) {
    swaggerUi.setUrls(Arrays.stream(CatalystService.values())
        .map(service -> new SwaggerUrl(service.serviceId(), service.apiDocsPath(), service.serviceId()))
        .collect(Collectors.toCollection(LinkedHashSet::new)));
  }
}
