package io.catalyst.catalog.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WhenConditionTest {

  private static final JsonNode CONFIG = JsonMapper.builder().build().readTree("""
      {"database": {"engine": "postgres", "external": false}, "replicas": 3, "cache": {"enabled": true},
       "mode": "embedded", "tags": []}""");

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "{{ .config.database.engine == 'postgres' }}      | true",
      "{{ .config.database.engine == 'mariadb' }}       | false",
      ".config.database.engine != \"mariadb\"           | true",
      "{{ eq .config.mode \"embedded\" }}              | true",
      "{{ ne .config.mode \"embedded\" }}              | false",
      ".config.cache.enabled && .config.replicas > 1    | true",
      ".config.cache.enabled && .config.replicas > 3    | false",
      "!.config.database.external                       | true",
      "{{ and .config.cache.enabled (gt .config.replicas 2) }} | true",
      "{{ or (eq .config.mode 'external') .config.database.external }} | false",
      "{{ not .config.cache.enabled }}                  | false",
      ".config.missing.value == null                    | true",
      ".config.missing                                  | false",
      "{{ or (ge .config.replicas 3) .config.missing }}  | true",
      ".config.replicas == 3.0                          | true",
      ".config.tags                                     | false",
      ".config.mode > 3                                 | false"})
  void evaluatesOverTheConfig(String condition, boolean expected) {
    assertThat(WhenCondition.parse(condition).test(CONFIG)).isEqualTo(expected);
  }

  @Test
  void knowsWhichConfigPathsItReads() {
    assertThat(WhenCondition.parse("{{ .config.database.engine == 'postgres' && .config.cache.enabled }}").paths())
        .containsExactly(List.of("database", "engine"), List.of("cache", "enabled"));
  }

  @Test
  void refusesWhatIsNotACondition() {
    assertThatThrownBy(() -> WhenCondition.parse("{{ .Values.x == 1 }}")).hasMessageContaining("not a config path");
    assertThatThrownBy(() -> WhenCondition.parse(".config.a ==")).hasMessageContaining("ends too early");
    assertThatThrownBy(() -> WhenCondition.parse("{{ .config.a == 'x'")).hasMessageContaining("'}}'");
    assertThatThrownBy(() -> WhenCondition.parse(".config.a; rm -rf /")).hasMessageContaining("unexpected");
    assertThatThrownBy(() -> WhenCondition.parse("eq .config.a")).hasMessageContaining("two arguments");
  }
}
