package io.catalyst.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A service chart rendered on its own falls back to catalyst-common's global defaults; the umbrella documents the
 * same block in its values.yaml. The two must not drift apart.
 */
class GlobalDefaultsTest {

  @Test
  void theLibrarysGlobalDefaultsAreTheUmbrellasGlobalValues() throws IOException {
    String tpl = Files.readString(Charts.SOURCE.resolve("catalyst-common/templates/_defaults.tpl"));
    Matcher m = Pattern.compile("(?s)\\{\\{- define \"catalyst-common.globalDefaults\" -}}\\n(.*?)\\{\\{- end -}}")
        .matcher(tpl);
    assertThat(m.find()).isTrue();
    Map<String, Object> library = Charts.yaml(m.group(1));
    Map<String, Object> umbrella = Charts.yaml(Files.readString(Charts.SOURCE.resolve("catalyst/values.yaml")));

    assertThat(library).isEqualTo(umbrella.get("global"));
  }
}
