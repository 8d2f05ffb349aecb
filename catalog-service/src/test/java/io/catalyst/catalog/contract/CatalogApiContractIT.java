package io.catalyst.catalog.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.catalyst.catalog.CatalogIntegrationTest;
import io.catalyst.catalog.contract.CatalogApi.Detail;
import io.catalyst.catalog.contract.CatalogApi.ExistingApplication;
import io.catalyst.catalog.contract.CatalogApi.Node;
import io.catalyst.catalog.contract.CatalogApi.Resolution;
import io.catalyst.catalog.contract.CatalogApi.ResolveRequest;
import io.catalyst.catalog.contract.CatalogApi.ValidateRequest;
import io.catalyst.catalog.contract.CatalogApi.Validation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

/**
 * catalog-service's REST contract ({@code contracts/catalog}, {@link CatalogApi}) as provisioning-service's Feign
 * client uses it: the request records, written by the application's mapper, are what catalog reads, and catalog's
 * real answers read back into the answer records with the values provisioning plans an install from.
 */
class CatalogApiContractIT extends CatalogIntegrationTest {

  @Test
  void resolveTakesTheRequestRecordAndAnswersTheResolutionRecord() throws Exception {
    ResolveRequest request = new ResolveRequest("^1", Map.of("pharmacyName", "Muscat Pharmacy",
        "domain", "muscat-pharmacy.om", "adminEmail", "owner@muscat-pharmacy.om"),
        List.of(new ExistingApplication("shared-db", "muscat-prod", "bp-postgres", "17.2.0")));

    Resolution resolution = read(post(CatalogApi.BLUEPRINTS + "/bp-bundle-pharmacy/resolve"), request,
        Resolution.class);

    assertThat(resolution.blueprint()).isEqualTo("bp-bundle-pharmacy");
    assertThat(resolution.version()).isEqualTo("1.2.0");
    assertThat(resolution.resolved()).isTrue();
    assertThat(resolution.nodes()).hasSize(6);
    Node root = resolution.nodes().getLast();
    assertThat(root.blueprint()).isEqualTo("bp-bundle-pharmacy");
    assertThat(root.depth()).isZero();
    Node erp = resolution.nodes().stream().filter(n -> n.blueprint().equals("bp-erpnext")).findFirst().orElseThrow();
    assertThat(erp.version()).isNotBlank();
    assertThat(erp.requiredBy()).isNotEmpty().allSatisfy(r -> assertThat(r.blueprint()).isNotBlank());
    assertThat(erp.config()).containsKey("database");
    assertThat(erp.dependsOn()).isNotEmpty();
    Node postgres = resolution.nodes().stream().filter(n -> n.blueprint().equals("bp-postgres")).findFirst()
        .orElseThrow();
    assertThat(postgres.satisfiedBy()).extracting(ExistingApplication::application).containsExactly("shared-db");
    assertThat(resolution.skipped()).extracting(CatalogApi.Skipped::blueprint).containsExactly("bp-mysql");
    assertThat(resolution.configErrors()).isEmpty();
  }

  /** Issue 13 §10: an install plan's one call (a resolve for an Organization) reads back with its validation and
   * every node's detail. */
  @Test
  void anInstallPlansResolveAnswersTheValidationAndEveryNodesDetailRecord() throws Exception {
    ResolveRequest request = new ResolveRequest("^1", Map.of("pharmacyName", "Muscat Pharmacy",
        "domain", "muscat-pharmacy.om", "adminEmail", "owner@muscat-pharmacy.om"), List.of(), "contract-org");

    Resolution plan = read(post(CatalogApi.BLUEPRINTS + "/bp-bundle-pharmacy/resolve"), request, Resolution.class);

    assertThat(plan.resolved()).isTrue();
    assertThat(plan.validation().valid()).isTrue();
    assertThat(plan.validation().version()).isEqualTo("1.2.0");
    assertThat(plan.validation().config()).containsEntry("pharmacyName", "Muscat Pharmacy");
    assertThat(plan.nodes()).hasSize(6).allSatisfy(n -> {
      Detail detail = n.detail();
      assertThat(detail.name()).isEqualTo(n.blueprint());
      assertThat(detail.version()).isEqualTo(n.version());
      assertThat(detail.digest()).startsWith("sha256:");
      assertThat(detail.category()).isNotBlank();
      assertThat(detail.organization()).as("Sovereign-wide").isNull();
    });
    assertThat(plan.nodes().getLast().detail().category()).isEqualTo("composite");
    Node erp = plan.nodes().stream().filter(n -> n.blueprint().equals("bp-erpnext")).findFirst().orElseThrow();
    assertThat(erp.detail().configSchema()).containsKey("properties");

    Resolution invalid = read(post(CatalogApi.BLUEPRINTS + "/bp-wordpress/resolve"), new ResolveRequest(null,
        Map.of("domain", "not a host name"), List.of(), "contract-org"), Resolution.class);
    assertThat(invalid.resolved()).isFalse();
    assertThat(invalid.nodes()).isEmpty();
    assertThat(invalid.validation().valid()).isFalse();
    assertThat(invalid.validation().errors()).extracting(CatalogApi.ConfigError::pointer)
        .contains("/domain", "/adminEmail");
  }

  @Test
  void validateTakesTheRequestRecordAndAnswersTheValidationRecord() throws Exception {
    Validation invalid = read(post(CatalogApi.BLUEPRINTS + "/bp-wordpress/validate"),
        new ValidateRequest(null, Map.of("domain", "not a host name", "unknown", true)), Validation.class);
    assertThat(invalid.blueprint()).isEqualTo("bp-wordpress");
    assertThat(invalid.version()).isNotBlank();
    assertThat(invalid.valid()).isFalse();
    assertThat(invalid.errors()).isNotEmpty().allSatisfy(e -> {
      assertThat(e.pointer()).as("a JSON pointer (\"\" is the whole config)").isNotNull();
      assertThat(e.message()).isNotBlank();
    });
    assertThat(invalid.errors()).extracting(CatalogApi.ConfigError::pointer).contains("/domain", "/adminEmail");

    Validation valid = read(post(CatalogApi.BLUEPRINTS + "/bp-wordpress/validate"),
        new ValidateRequest("~6.7", Map.of("domain", "www.example.om", "adminEmail", "a@example.om")),
        Validation.class);
    assertThat(valid.valid()).isTrue();
    assertThat(valid.version()).isEqualTo("6.7.2");
    assertThat(valid.config()).as("the config with its defaults").containsEntry("storage", 10);
  }

  @Test
  void detailAnswersTheDetailRecord() throws Exception {
    Detail detail = read(get(CatalogApi.BLUEPRINTS + "/bp-erpnext").param("version", "15.70.2"), null,
        Detail.class);
    assertThat(detail.name()).isEqualTo("bp-erpnext");
    assertThat(detail.version()).isEqualTo("15.70.2");
    assertThat(detail.title()).isNotBlank();
    assertThat(detail.category()).isNotBlank();
    assertThat(detail.visibility()).isNotBlank();
    assertThat(detail.organization()).as("Sovereign-wide").isNull();
    assertThat(detail.digest()).startsWith("sha256:");
    assertThat(detail.owner().team()).isNotBlank();
    assertThat(detail.configSchema()).containsKey("properties");
    assertThat(detail.manifests().kind()).isNotBlank();
    assertThat(detail.manifests().chart()).isNotBlank();
  }

  private <T> T read(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, Object body,
      Class<T> answer) throws Exception {
    if (body != null) {
      request.contentType(MediaType.APPLICATION_JSON).content(jsonMapper.writeValueAsString(body));
    }
    MvcResult result = mvc.perform(as(request, token("contract", "contract-org"))).andReturn();
    assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
    return jsonMapper.readValue(result.getResponse().getContentAsString(), answer);
  }
}
