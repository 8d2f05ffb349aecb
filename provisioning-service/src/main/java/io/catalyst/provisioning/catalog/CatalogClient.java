package io.catalyst.provisioning.catalog;

import io.catalyst.catalog.contract.CatalogApi.Detail;
import io.catalyst.catalog.contract.CatalogApi.Resolution;
import io.catalyst.catalog.contract.CatalogApi.ResolveRequest;
import io.catalyst.catalog.contract.CatalogApi.Validation;
import io.catalyst.catalog.contract.CatalogApi.ValidateRequest;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * catalog-service's API as this service uses it (docs/catalog.md): resolve a Blueprint's dependency tree, validate a
 * config against its configSchema, read a version's detail. Calls carry this service's client-credentials token
 * (service kit), so private Blueprints of every Organization are visible; {@link Catalog} scopes what a caller may
 * install and turns the catalog's refusals into this service's problems. The DTOs are catalog-service's contract
 * ({@code contracts/catalog}, {@link io.catalyst.catalog.contract.CatalogApi}).
 */
@FeignClient(name = "catalog-service", url = "${catalyst.provisioning.catalog-url:http://localhost:8082}",
    configuration = CatalogClientConfiguration.class)
public interface CatalogClient {

  @PostMapping("/api/v1/catalog/blueprints/{name}/resolve")
  Resolution resolve(@PathVariable("name") String blueprint, @RequestBody ResolveRequest request);

  @PostMapping("/api/v1/catalog/blueprints/{name}/validate")
  Validation validate(@PathVariable("name") String blueprint, @RequestBody ValidateRequest request);

  @GetMapping("/api/v1/catalog/blueprints/{name}")
  Detail detail(@PathVariable("name") String blueprint, @RequestParam("version") String version);
}
