package vn.dongxanh.bench.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Registers the benchmark's cooperative (as the department's officer) and its devices (as the
 * cooperative's manager) over the service's own API.
 */
final class Registry {
    private Registry() {}

    static void register(IngestProcess service, ApiTokens tokens, String coop, List<String> devices, int threads)
            throws Exception {
        created(service.post(
                "/api/cooperatives", "{\"id\":\"%s\",\"name\":\"Benchmark\"}".formatted(coop), tokens.department()));
        var error = new AtomicReference<Exception>();
        var workers = new ArrayList<Thread>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int d = first; d < devices.size(); d += threads) device(service, tokens, coop, devices.get(d));
                } catch (Exception e) {
                    error.compareAndSet(null, e);
                }
            }));
        }
        for (Thread w : workers) w.join();
        if (error.get() != null) throw error.get();
    }

    static void device(IngestProcess service, ApiTokens tokens, String coop, String id) throws Exception {
        created(service.post(
                "/api/devices",
                "{\"id\":\"%s\",\"cooperative\":\"%s\",\"kind\":\"water_level\",\"reportingIntervalS\":300}"
                        .formatted(id, coop),
                tokens.manager()));
    }

    private static void created(java.net.http.HttpResponse<String> r) {
        if (r.statusCode() != 201)
            throw new IllegalStateException(r.uri() + ": HTTP " + r.statusCode() + " " + r.body());
    }
}
