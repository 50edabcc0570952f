package vn.dongxanh.platform;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.contract.uplink.UplinkBatch;
import vn.dongxanh.contract.uplink.UplinkCodec;
import vn.dongxanh.devkit.mqtt.TrustedCa;

/**
 * The past few days of each plot's readings, so a newcomer's charts are not empty: published
 * the way an edge agent publishes them — SenML uplink batches on its gateway's telemetry topic,
 * logged in as that gateway, over the cloud side's TLS — and taken in by ingest-service like any
 * other batch (checked, deduplicated, stored, rolled up).
 *
 * <p>The batches carry sequence numbers 1, 2, … N: far below those of any edge outbox (which
 * starts at the epoch millisecond), so they never collide with the live gateway's; ingest takes
 * the jump to the live outbox as a sequence reset, as when a gateway's store was replaced. It runs
 * before the edge agents start, and waits until ingest has taken every batch. A second seeding
 * publishes the same sequence numbers, which ingest drops as duplicates — nothing is stored twice.
 *
 * <p>The readings draw a picture, not the policy: rice dries down and is refilled (the valve
 * open, water flowing), vegetables' soil dries through the day and is watered, and an afternoon
 * shower falls on some days.
 */
final class HistorySeed {
    private static final Pattern MESSAGES =
            Pattern.compile("(?m)^dx_ingest_messages_total\\{[^}]*outcome=\"([a-z]+)\"[^}]*} ([0-9.eE+]+)");
    /** Readings per uplink batch, like an edge outbox's {@code batch-max-readings}. */
    static final int BATCH_READINGS = 500;

    /** Shape of the picture: rice level (cm) and vegetables' soil moisture (m³/m³). */
    private static final double RICE_TOP_CM = 5;

    private static final double RICE_BOTTOM_CM = -15;
    private static final double RICE_DRY_CM_PER_DAY = 6;
    private static final double RICE_FILL_CM_PER_HOUR = 3;
    private static final double SOIL_WET = 0.32;
    private static final double SOIL_DRY = 0.22;
    private static final double SOIL_DRY_PER_DAY = 0.06;
    private static final double SOIL_FILL_PER_HOUR = 0.08;
    private static final double SHOWER_MM_PER_HOUR = 8;
    private static final int SHOWER_HOUR = 15;
    private static final int SHOWER_EVERY_DAYS = 3;
    private static final double SOIL_PER_MM = 0.004;

    private final UplinkCodec codec = new UplinkCodec(new TelemetryCodec());
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * A gateway's history from {@code end - days} up to {@code end} (exclusive), a reading of
     * each device every {@code step}, in batches of at most {@link #BATCH_READINGS}, sequenced from 1.
     */
    static List<UplinkBatch> batches(FieldPlan field, Instant end, int days, Duration step) {
        Instant start = end.minus(Duration.ofDays(days));
        var readings = new ArrayList<Reading>();
        for (int i = 0; i < field.plots().size(); i++) {
            readings.addAll(plotHistory(field.plots().get(i), i, start, end, step));
        }
        readings.sort(java.util.Comparator.comparing(Reading::time));
        var batches = new ArrayList<UplinkBatch>();
        for (int from = 0; from < readings.size(); from += BATCH_READINGS) {
            var part = readings.subList(from, Math.min(readings.size(), from + BATCH_READINGS));
            batches.add(new UplinkBatch(
                    field.cooperative(),
                    field.gateway(),
                    batches.size() + 1L,
                    part.getLast().time(),
                    part));
        }
        return batches;
    }

    private static List<Reading> plotHistory(
            FieldPlan.Plot plot, int index, Instant start, Instant end, Duration step) {
        var out = new ArrayList<Reading>();
        double hours = step.toMillis() / 3_600_000.0;
        String sensor = plot.id() + (plot.rice() ? "-wl" : "-sm");
        // each plot starts at its own point of the cycle, so the province does not move in step
        double phase = (index * 0.37) % 1.0;
        double value = plot.rice()
                ? RICE_TOP_CM - phase * (RICE_TOP_CM - RICE_BOTTOM_CM)
                : SOIL_WET - phase * (SOIL_WET - SOIL_DRY);
        boolean open = false;
        for (Instant t = start; t.isBefore(end); t = t.plus(step)) {
            ZonedDateTime local = t.atZone(FieldPlan.ZONE);
            boolean shower = local.getHour() == SHOWER_HOUR
                    && (local.toLocalDate().toEpochDay() + index) % SHOWER_EVERY_DAYS == 0;
            double rain = shower ? SHOWER_MM_PER_HOUR * hours : 0;
            if (plot.rice()) {
                if (open) value += RICE_FILL_CM_PER_HOUR * hours;
                else value -= RICE_DRY_CM_PER_DAY * hours / 24;
                value += rain / 10;
                if (value <= RICE_BOTTOM_CM) open = true;
                if (value >= RICE_TOP_CM) open = false;
            } else {
                boolean day = local.getHour() >= 6 && local.getHour() < 18;
                if (open) value += SOIL_FILL_PER_HOUR * hours;
                else if (day) value -= SOIL_DRY_PER_DAY / 12 * hours; // the soil dries in daylight
                value += rain * SOIL_PER_MM;
                if (value <= SOIL_DRY) open = true;
                if (value >= SOIL_WET) open = false;
            }
            out.add(new Reading(
                    sensor,
                    plot.rice() ? Metric.WATER_LEVEL : Metric.SOIL_MOISTURE,
                    t,
                    Math.round(value * (plot.rice() ? 10 : 1000)) / (plot.rice() ? 10.0 : 1000.0)));
            out.add(new Reading(plot.id() + "-rain", Metric.RAIN, t, rain));
            out.add(new Reading(plot.id() + "-flow", Metric.FLOW, t, open ? plot.valveFlowLpm() : 0));
            out.add(Reading.ofBoolean(plot.id() + "-valve", Metric.VALVE, t, open));
        }
        return out;
    }

    /**
     * Publishes each field's history as its gateway and waits until ingest-service has taken all
     * of it (stored, or dropped as a duplicate of an earlier seeding). {@code credentials} gives a
     * gateway's credentials file; null on a broker given by URL without them.
     */
    void publish(
            List<FieldPlan> fields,
            Instant end,
            int days,
            Duration step,
            String cloudUrl,
            Path ca,
            java.util.function.Function<String, Path> credentials,
            String ingestManagementUrl)
            throws IOException, InterruptedException, MqttException {
        long before = taken(ingestManagementUrl);
        long rejectedBefore = count(ingestManagementUrl, "rejected");
        int sent = 0;
        for (FieldPlan field : fields) {
            var batches = batches(field, end, days, step);
            var client = new MqttClient(cloudUrl, "history-" + field.gateway(), new MemoryPersistence());
            var options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setConnectionTimeout(10);
            if (cloudUrl.startsWith("ssl://") && ca != null) options.setSocketFactory(TrustedCa.socketFactory(ca));
            Path file = credentials == null ? null : credentials.apply(field.gateway());
            if (file != null) {
                var p = new Properties();
                p.load(new StringReader(Files.readString(file)));
                options.setUserName(p.getProperty("username"));
                options.setPassword(p.getProperty("password").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            client.connect(options);
            try {
                String topic = new Topic.GatewayTelemetry(field.cooperative(), field.gateway()).path();
                for (UplinkBatch b : batches) {
                    client.publish(topic, codec.encode(b), 1, false);
                    sent++;
                }
                client.disconnect();
            } finally {
                client.close(true);
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (taken(ingestManagementUrl) < before + sent) {
            if (count(ingestManagementUrl, "rejected") > rejectedBefore) {
                throw new IllegalStateException("ingest-service refused some of the telemetry history; see its log");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ingest-service took " + (taken(ingestManagementUrl) - before) + " of "
                        + sent + " history batches in 120 s; see its log");
            }
            Thread.sleep(200);
        }
    }

    /** Telemetry messages ingest has taken: stored, or recognised as duplicates. */
    private long taken(String managementUrl) throws IOException, InterruptedException {
        return count(managementUrl, "stored") + count(managementUrl, "duplicate");
    }

    private long count(String managementUrl, String outcome) throws IOException, InterruptedException {
        String body = http.send(
                        HttpRequest.newBuilder(URI.create(managementUrl + "/actuator/prometheus"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher m = MESSAGES.matcher(body);
        while (m.find()) {
            if (m.group(1).equals(outcome)) return (long) Double.parseDouble(m.group(2));
        }
        return 0;
    }
}
