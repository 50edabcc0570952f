package vn.dongxanh.web.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.dongxanh.contract.Json;

/** A rule's numbers typed in the page go to ingest as JSON numbers, text stays text, empty is null. */
class RuleParamsTest {
    @Test
    void typedValuesBecomeTheirJsonTypes() {
        var p = Json.MAPPER.createObjectNode();
        AlarmsController.putParam(p, "durationS", "7200");
        AlarmsController.putParam(p, "low", "-15.0");
        AlarmsController.putParam(p, "high", "0,35");
        AlarmsController.putParam(p, "hysteresis", "");
        AlarmsController.putParam(p, "metric", "water_level");
        AlarmsController.putParam(p, "reports", "two hours");
        assertThat(p.toString())
                .isEqualTo("{\"durationS\":7200,\"low\":-15,\"high\":0.35,\"hysteresis\":null,"
                        + "\"metric\":\"water_level\",\"reports\":\"two hours\"}");
    }
}
