package vn.dongxanh.sim.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.uplink.UplinkBatch;
import vn.dongxanh.contract.uplink.UplinkCodec;

class UplinkWriterTest {
    private final UplinkCodec codec = new UplinkCodec(new TelemetryCodec());

    @ParameterizedTest(name = "{0} devices, batch {1}")
    @CsvSource({"3, 7", "50, 500", "2, 1", "40, 100", "1, 13"})
    void writesTheCodecsBytesBatchAfterBatch(int devices, int batch) {
        var config = LoadConfig.builder()
                .cooperative("htx-test")
                .gateways(2)
                .clients(1)
                .devicesPerGateway(devices)
                .metrics(List.of(Metric.WATER_LEVEL, Metric.VALVE, Metric.FLOW, Metric.BATTERY, Metric.RAIN))
                .batchReadings(batch)
                .build();
        var traces = DeviceTraces.of(config);
        var writer = new UplinkWriter(config, 1, traces);
        writer.verify(codec);
        long sent = Instant.parse("2026-11-22T10:00:00.120Z").toEpochMilli();
        long first = 0;
        for (int seq = 1; seq <= 200; seq++) {
            byte[] payload = writer.next(sent + seq * 7L);
            UplinkBatch decoded = codec.decode(payload);
            assertThat(decoded.sequence()).isEqualTo(seq);
            assertThat(decoded.gatewayId()).isEqualTo("gw002");
            assertThat(decoded.sentAt()).isEqualTo(Instant.ofEpochMilli(sent + seq * 7L));
            List<Reading> expected = writer.readings(first, sent + seq * 7L);
            // the codec groups by device; compare as sets of readings in each device's order
            assertThat(byDevice(decoded.readings())).isEqualTo(byDevice(expected));
            assertThat(payload)
                    .isEqualTo(codec.encode(new UplinkBatch(
                            "htx-test", "gw002", seq, Instant.ofEpochMilli(sent + seq * 7L), expected)));
            assertThat(decoded.readings()).allSatisfy(r -> assertThat(r.time()).isBeforeOrEqualTo(decoded.sentAt()));
            first += batch;
        }
        assertThat(writer.lastSequence()).isEqualTo(200);
    }

    private static java.util.Map<String, List<Reading>> byDevice(List<Reading> readings) {
        return readings.stream().collect(Collectors.groupingBy(Reading::deviceId));
    }
}
