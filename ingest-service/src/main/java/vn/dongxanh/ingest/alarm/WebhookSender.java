package vn.dongxanh.ingest.alarm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox to the configured webhook: every {@code delivery-poll-every}, and at once when an
 * evaluation queued something. Each delivery is a POST of
 * {@code {"deliveryId":…,"event":"RAISED"|"CLEARED","alarm":{…}}} with headers {@code X-DX-Delivery},
 * {@code X-DX-Event}, {@code X-DX-Attempt} (and {@code X-DX-Signature} with a secret). A 2xx answer
 * delivers it; anything else (another status, no connection, a timeout) is tried again after a backoff
 * that doubles per attempt. The body of a delivery is the same on every attempt: receivers dedupe by
 * {@code deliveryId} (delivery is at least once).
 */
@Component
public class WebhookSender implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    private static final int MAX_ERROR = 500;

    private final DeliveryStore store;
    private final AlarmMetrics metrics;
    private final AlarmProperties props;
    private final Clock clock;
    private volatile HttpClient http;
    private volatile ScheduledExecutorService executor;

    public WebhookSender(DeliveryStore store, AlarmMetrics metrics, AlarmProperties props, Clock clock) {
        this.store = store;
        this.metrics = metrics;
        this.props = props;
        this.clock = clock;
    }

    @Override
    public void start() {
        if (!props.enabled() || !props.webhookOn()) {
            log.info("alarm webhook off (dx.ingest.alarms.webhook-url is empty)");
            return;
        }
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(props.webhookTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        ScheduledExecutorService e = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("alarm-webhook").daemon().factory());
        long every = props.deliveryPollEvery().toMillis();
        e.scheduleWithFixedDelay(this::drainQuietly, 0, every, TimeUnit.MILLISECONDS);
        executor = e;
        log.info("alarm webhook: {}", props.webhookUrl());
    }

    @Override
    public void stop() {
        ScheduledExecutorService e = executor;
        executor = null;
        if (e != null) {
            e.shutdownNow();
            try {
                e.awaitTermination(props.webhookTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        HttpClient h = http;
        http = null;
        if (h != null) h.close();
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Looks at the outbox now (something was queued). */
    void wake() {
        ScheduledExecutorService e = executor;
        if (e == null) return;
        try {
            e.execute(this::drainQuietly);
        } catch (RejectedExecutionException stopping) {
            // stopping: the rows stay in the outbox for the next start
        }
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (RuntimeException e) {
            log.warn("alarm webhook: cannot read the outbox: {}", e.toString());
        }
    }

    /** Sends every due delivery; returns how many were attempted. */
    int drain() {
        int attempted = 0;
        while (executor != null && !Thread.currentThread().isInterrupted()) {
            Instant now = clock.instant();
            List<DeliveryStore.Claimed> batch = store.claim(now, now.plus(props.lease()), props.deliveryBatch());
            if (batch.isEmpty()) return attempted;
            for (DeliveryStore.Claimed c : batch) {
                send(c);
                attempted++;
            }
        }
        return attempted;
    }

    private void send(DeliveryStore.Claimed c) {
        String body = "{\"deliveryId\":" + c.id() + ",\"event\":\"" + c.event() + "\","
                + (c.recipient() == null ? "" : recipient(c))
                + "\"alarm\":" + c.payload() + "}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(URI.create(props.webhookUrl()))
                .timeout(props.webhookTimeout())
                .header("Content-Type", "application/json")
                .header("X-DX-Delivery", Long.toString(c.id()))
                .header("X-DX-Event", c.event())
                .header("X-DX-Attempt", Integer.toString(c.attempt()));
        if (!props.webhookSecret().isEmpty()) request.header("X-DX-Signature", "sha256=" + hmac(bytes));
        Integer status = null;
        String error;
        try {
            HttpResponse<Void> response = http.send(
                    request.POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                    HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status / 100 == 2) {
                store.delivered(c.id(), status, clock.instant());
                metrics.attempt("delivered");
                log.info(
                        "alarm webhook: delivery {} ({} of alarm {}) accepted on attempt {}",
                        c.id(),
                        c.event(),
                        c.alarmId(),
                        c.attempt());
                return;
            }
            error = "HTTP " + status;
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
        } catch (InterruptedException e) {
            // stopping: the lease runs out and the delivery is tried again, here or elsewhere
            Thread.currentThread().interrupt();
            return;
        }
        if (error.length() > MAX_ERROR) error = error.substring(0, MAX_ERROR) + "…";
        if (props.maxAttempts() > 0 && c.attempt() >= props.maxAttempts()) {
            store.gaveUp(c.id(), status, error);
            metrics.attempt("gave_up");
            log.error(
                    "alarm webhook: gave up delivery {} ({} of alarm {}) after {} attempts: {}",
                    c.id(),
                    c.event(),
                    c.alarmId(),
                    c.attempt(),
                    error);
            return;
        }
        var next = clock.instant().plus(props.backoff(c.attempt()));
        store.failed(c.id(), status, error, next);
        metrics.attempt("failed");
        log.warn(
                "alarm webhook: delivery {} attempt {} failed ({}); next attempt at {}",
                c.id(),
                c.attempt(),
                error,
                next);
    }

    /** For one user's delivery: who it is for (token subject, never a name) and a short text for an SMS. */
    private static String recipient(DeliveryStore.Claimed c) {
        var o = vn.dongxanh.contract.Json.MAPPER.createObjectNode();
        o.putObject("recipient").put("subject", c.recipient());
        o.put("text", c.text());
        String fields = vn.dongxanh.contract.Json.MAPPER.writeValueAsString(o);
        return fields.substring(1, fields.length() - 1) + ",";
    }

    private String hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(props.webhookSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
