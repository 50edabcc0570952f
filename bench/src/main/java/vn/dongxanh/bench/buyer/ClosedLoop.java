package vn.dongxanh.bench.buyer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import vn.dongxanh.bench.report.Format;

/**
 * A closed-loop load of one URL: {@code clients} virtual threads each sending the next request as
 * soon as the last answered (HTTP/1.1, a connection each), for a fixed time after a warm-up; the
 * throughput and the latency distribution of what answered in time. Raising the clients until the
 * p99 passes a bound gives the highest rate the server sustains within it.
 */
final class ClosedLoop {
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** One step of load: how many clients, requests per second, and the latencies in ms (sorted). */
    record Step(int clients, double perSecond, double[] ms, int failures) {
        double p(double q) {
            if (ms.length == 0) return Double.NaN;
            int rank = (int) Math.ceil(q * ms.length);
            return ms[Math.max(0, Math.min(ms.length - 1, rank - 1))];
        }

        String summary() {
            return "%d clients: %s req/s, p50 %s ms, p99 %s ms%s"
                    .formatted(
                            clients,
                            Format.number(perSecond),
                            Format.number(p(0.50)),
                            Format.number(p(0.99)),
                            failures == 0 ? "" : ", " + failures + " failed");
        }
    }

    /**
     * Load of {@code url} by {@code clients} at once: {@code warmup} not counted, then {@code
     * measure}. An answer other than {@code expectedStatus} counts as a failure.
     */
    Step run(String url, String accept, int expectedStatus, int clients, Duration warmup, Duration measure)
            throws InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", accept)
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        long start = System.nanoTime();
        long countFrom = start + warmup.toNanos();
        long end = countFrom + measure.toNanos();
        var failures = new AtomicInteger();
        List<long[]> perClient = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                long[] own = new long[1 << 16];
                int[] n = {0};
                perClient.add(own);
                pool.submit(() -> {
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= end) break;
                        try {
                            var r = http.send(request, HttpResponse.BodyHandlers.discarding());
                            long t1 = System.nanoTime();
                            if (r.statusCode() != expectedStatus) {
                                if (t0 >= countFrom) failures.incrementAndGet();
                            } else if (t0 >= countFrom && t1 <= end && n[0] < own.length - 1) {
                                own[++n[0]] = t1 - t0;
                            }
                        } catch (Exception e) {
                            if (t0 >= countFrom) failures.incrementAndGet();
                        }
                    }
                    own[0] = n[0]; // the count, in the first slot
                    return null;
                });
            }
        }
        int total = perClient.stream().mapToInt(a -> (int) a[0]).sum();
        double[] ms = new double[total];
        int i = 0;
        for (long[] own : perClient) {
            for (int k = 1; k <= own[0]; k++) ms[i++] = own[k] / 1e6;
        }
        Arrays.sort(ms);
        return new Step(clients, total / (measure.toNanos() / 1e9), ms, failures.get());
    }

    /**
     * Doubles the clients from 1 up to {@code maxClients}; the best step is the fastest whose p99 is
     * within {@code p99BoundMs} and that had no failures (null when even one client misses it).
     */
    Ramp ramp(
            String url,
            String accept,
            int expectedStatus,
            int maxClients,
            double p99BoundMs,
            Duration warmup,
            Duration measure)
            throws InterruptedException {
        var steps = new ArrayList<Step>();
        Step best = null;
        for (int clients = 1; clients <= maxClients; clients *= 2) {
            Step s = run(url, accept, expectedStatus, clients, warmup, measure);
            steps.add(s);
            System.out.println("    " + s.summary());
            boolean within = s.failures() == 0 && s.p(0.99) <= p99BoundMs;
            if (within && (best == null || s.perSecond() > best.perSecond())) best = s;
            if (!within) break; // more clients only queue longer
        }
        return new Ramp(List.copyOf(steps), best);
    }

    record Ramp(List<Step> steps, Step best) {
        String summary() {
            return String.join("; ", steps.stream().map(Step::summary).toList());
        }
    }
}
