package io.catalyst.catalog.config;

import io.catalyst.catalog.source.CatalogProperties;
import io.catalyst.catalog.source.GitSourceReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

  @Bean
  GitSourceReader gitSourceReader(CatalogProperties properties) {
    return new GitSourceReader(properties);
  }
}
