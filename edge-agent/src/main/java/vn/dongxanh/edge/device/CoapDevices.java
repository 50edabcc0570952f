package vn.dongxanh.edge.device;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dongxanh.contract.senml.SenmlException;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.edge.ReadingSink;

/**
 * CoAP devices, observed (RFC 7641): every notification of a device's {@code /telemetry}
 * resource is a SenML pack. A lost observation (device restarted, notifications stopped) is
 * re-established after a pause.
 */
public final class CoapDevices implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CoapDevices.class);

    static {
        // Californium reads its settings from a file unless told otherwise; we want none.
        CoapConfig.register();
        UdpConfig.register();
        Configuration.setStandard(Configuration.createStandardWithoutFile());
    }

    private final TelemetryCodec codec;
    private final ReadingSink sink;
    private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("coap-reobserve").daemon(true).factory());
    private final List<CoapClient> clients = new ArrayList<>();
    private final List<CoapObserveRelation> relations = new ArrayList<>();
    private final AtomicLong received = new AtomicLong();
    private volatile boolean closed;

    public CoapDevices(List<URI> telemetryUris, TelemetryCodec codec, ReadingSink sink) {
        this.codec = codec;
        this.sink = sink;
        for (URI uri : telemetryUris) {
            observe(uri);
        }
    }

    private synchronized void observe(URI uri) {
        if (closed) return;
        var client = new CoapClient(uri.toString());
        clients.add(client);
        relations.add(client.observe(new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                if (!response.isSuccess()) {
                    log.warn("CoAP device {} answered {}", uri, response.getCode());
                    return;
                }
                try {
                    var readings = codec.decode(response.getPayload());
                    received.addAndGet(readings.size());
                    sink.accept(readings, () -> {});
                } catch (SenmlException e) {
                    log.warn("refused telemetry from CoAP device {}: {} ({})", uri, e.getMessage(), e.reason());
                }
            }

            @Override
            public void onError() {
                log.warn("observation of {} failed; trying again in 5 s", uri);
                retry.schedule(() -> observe(uri), 5, TimeUnit.SECONDS);
            }
        }));
        log.info("observing CoAP device {}", uri);
    }

    public long readingsReceived() {
        return received.get();
    }

    @Override
    public synchronized void close() {
        closed = true;
        retry.shutdownNow();
        relations.forEach(CoapObserveRelation::proactiveCancel);
        clients.forEach(CoapClient::shutdown);
    }
}
