package io.catalyst.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.catalyst.platform.web.security.ServicePublicRoutes;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The service's OpenAPI document: its title and description ({@code catalyst.api.*}) and bearer authentication,
 * except on its public routes.
 */
@AutoConfiguration
public class OpenApiConfiguration {

  @Bean
  @ConditionalOnMissingBean
  OpenAPI catalystOpenApi(@Value("${catalyst.api.title:Catalyst ${spring.application.name:service}}") String title,
      @Value("${catalyst.api.description:}") String description) {
    return new OpenAPI()
        .info(new Info().title(title).description(description).version("v1"))
        .components(new Components().addSecuritySchemes("bearer",
            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }

  /** Operations anyone may call (the service's public routes) say so: {@code security: []}. */
  @Bean
  OpenApiCustomizer catalystPublicOperations(ObjectProvider<ServicePublicRoutes> publicRoutes) {
    return openApi -> {
      ServicePublicRoutes routes = publicRoutes.getIfAvailable();
      if (routes == null || openApi.getPaths() == null) {
        return;
      }
      openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
        if (routes.isPublic(method.name(), path)) {
          operation.setSecurity(List.of());
        }
      }));
    };
  }
}
