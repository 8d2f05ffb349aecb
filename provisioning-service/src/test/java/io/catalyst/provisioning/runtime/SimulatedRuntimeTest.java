package io.catalyst.provisioning.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulated runtime's reading of an Application's values (moved from ApplicationStatusTest). */
class SimulatedRuntimeTest {

  @Test
  void theSimulationReadsNestedOrFlatValues() {
    assertThat(SimulatedRuntime.simulate(Map.of("simulate", Map.of("failure", "boom")), "failure")).isEqualTo("boom");
    assertThat(SimulatedRuntime.simulate(Map.of("simulate.degraded", true), "degraded")).isEqualTo(true);
    assertThat(SimulatedRuntime.simulate(Map.of(), "failure")).isNull();
  }
}
