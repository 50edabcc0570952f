package vn.dongxanh.web.gateway;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.dongxanh.web.ingest.IngestApi;
import vn.dongxanh.web.overview.Overview.Reading;

/**
 * A cooperative's gateways with their gaps, and its registered devices with the battery and
 * signal they last reported (only devices that send a {@code battery} or {@code rssi} reading have
 * them).
 */
public record GatewaysView(Instant at, List<GatewayRow> gateways, List<DeviceRow> devices) {

    public record GatewayRow(
            String id, Boolean online, Instant lastSeen, Long backlogReadings, List<IngestApi.Gap> gaps) {}

    public record DeviceRow(
            String id,
            String plot,
            String kind,
            String gateway,
            Instant lastReadingAt,
            boolean online,
            Reading battery,
            Reading signal) {}

    static final String BATTERY = "battery";
    static final String SIGNAL = "rssi";

    static GatewaysView of(
            Instant at,
            List<IngestApi.Gateway> gateways,
            Map<String, List<IngestApi.Gap>> gaps,
            List<IngestApi.Device> devices,
            List<IngestApi.Latest.Value> latest) {
        Map<String, Map<String, Reading>> byDevice = new HashMap<>();
        for (var v : latest) {
            if (!v.metric().equals(BATTERY) && !v.metric().equals(SIGNAL)) continue;
            byDevice.computeIfAbsent(v.device(), k -> new HashMap<>())
                    .put(v.metric(), new Reading(v.metric(), v.v(), v.t(), v.stale()));
        }
        var gws = gateways.stream()
                .sorted(Comparator.comparing(IngestApi.Gateway::id))
                .map(g -> new GatewayRow(
                        g.id(),
                        g.online(),
                        g.lastSeen(),
                        g.health() == null ? null : g.health().backlogReadings(),
                        gaps.getOrDefault(g.id(), List.of())))
                .toList();
        var devs = devices.stream()
                .sorted(Comparator.comparing(IngestApi.Device::id))
                .map(d -> {
                    var r = byDevice.getOrDefault(d.id(), Map.of());
                    return new DeviceRow(
                            d.id(),
                            d.plot(),
                            d.kind(),
                            d.gateway(),
                            d.lastReadingAt(),
                            d.online(),
                            r.get(BATTERY),
                            r.get(SIGNAL));
                })
                .toList();
        return new GatewaysView(at, gws, devs);
    }
}
