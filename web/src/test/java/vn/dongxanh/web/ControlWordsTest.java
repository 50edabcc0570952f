package vn.dongxanh.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The closed words the valve and alarm pages translate by prefix (MessageBundlesTest cannot see
 * keys built at run time): every command state, decision kind and reason, alarm kind and rule
 * parameter ingest and the edge agent send today is in both bundles.
 */
class ControlWordsTest {
    private static final List<String> KEYS = List.of(
            "command.state.PENDING",
            "command.state.SENT",
            "command.state.APPLIED",
            "command.state.REFUSED",
            "command.state.EXPIRED",
            "command.state.TIMED_OUT",
            "decision.kind.START",
            "decision.kind.STOP",
            "decision.kind.SKIP",
            "decision.kind.ALARM",
            "decision.reason.BELOW_START_LEVEL",
            "decision.reason.REACHED_STOP_LEVEL",
            "decision.reason.WATERING",
            "decision.reason.WAITING",
            "decision.reason.DRAIN_STAGE",
            "decision.reason.MANUAL_STAGE",
            "decision.reason.FALLOW",
            "decision.reason.RAIN_SKIP",
            "decision.reason.RAIN_STOP",
            "decision.reason.MIN_INTERVAL",
            "decision.reason.SENSOR_SILENT",
            "decision.reason.SENSOR_IMPLAUSIBLE",
            "decision.reason.VALVE_UNKNOWN",
            "decision.reason.RUN_TIME_LIMIT",
            "decision.reason.SUPPLY_LIMIT",
            "decision.reason.OVERRIDE",
            "decision.reason.OVERRIDE_EXPIRED",
            "decision.reason.SCHEDULE",
            "alarm.kind.OUT_OF_BAND",
            "alarm.kind.NO_DATA",
            "alarm.kind.VALVE_OPEN_TOO_LONG",
            "alarm.kind.LEAK",
            "alarm.kind.BATTERY_LOW",
            "alarm.kind.BACKLOG_GROWING",
            "rule.param.metric",
            "rule.param.low",
            "rule.param.high",
            "rule.param.hysteresis",
            "rule.param.lowForS",
            "rule.param.highForS",
            "rule.param.durationS",
            "rule.param.threshold",
            "rule.param.thresholdS",
            "rule.param.hysteresisS",
            "rule.param.reports",
            "problem.unavailable",
            "problem.invalid",
            "problem.forbidden",
            "problem.gone",
            "problem.conflict",
            // overrides and schedules: ingest's phases, the holds and their confirmations
            "instruction.phase.WAITING",
            "instruction.phase.NOT_APPLIED",
            "instruction.phase.ACTIVE",
            "instruction.phase.UPCOMING",
            "instruction.phase.DUE",
            "instruction.phase.ENDED",
            "instruction.phase.REPLACED",
            "instruction.hold.OPEN",
            "instruction.hold.CLOSED",
            "instruction.hold.AUTO",
            "valve.confirm.override.OPEN",
            "valve.confirm.override.CLOSED",
            "valve.confirm.override.AUTO");

    @Test
    void everyClosedWordIsInBothLanguages() throws IOException {
        for (String lang : List.of("vi", "en")) {
            var p = new Properties();
            try (var in = getClass().getResourceAsStream("/messages_" + lang + ".properties")) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            assertThat(p.stringPropertyNames()).as("messages_%s", lang).containsAll(KEYS);
        }
    }
}
