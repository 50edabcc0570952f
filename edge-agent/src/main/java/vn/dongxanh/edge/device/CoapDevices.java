package vn.dongxanh.edge.device;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dongxanh.contract.command.CommandAck;
import vn.dongxanh.contract.command.CommandCodec;
import vn.dongxanh.contract.command.ValveCommand;
import vn.dongxanh.contract.senml.SenmlException;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.edge.ReadingSink;
import vn.dongxanh.edge.config.CoapDevice;

/**
 * CoAP devices, observed (RFC 7641): every notification of a device's {@code /telemetry}
 * resource is a SenML pack. A lost observation (device restarted, notifications stopped) is
 * re-established after a pause. Valve commands go to a device's {@code /valve} (PUT), its
 * answer being the command's ack.
 *
 * <p>{@code coaps://} devices are reached over one DTLS client endpoint that presents each
 * device its own pre-shared key, chosen by the device's address. A device that does not know
 * the identity or the key simply never answers (docs/security-coap.md), so a wrong key shows
 * as observations failing and being retried, logged here.
 */
public final class CoapDevices implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CoapDevices.class);
    private static final int COAPS_DEFAULT_PORT = 5684;
    private static final int JSON = 50;

    private static final Configuration CONFIG;

    static {
        // Californium reads its settings from a file unless told otherwise; we want none.
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        CONFIG = Configuration.createStandardWithoutFile();
        Configuration.setStandard(CONFIG);
    }

    private final TelemetryCodec codec;
    private final ReadingSink sink;
    private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("coap-reobserve").daemon(true).factory());
    private final List<CoapClient> clients = new ArrayList<>();
    private final List<CoapObserveRelation> relations = new ArrayList<>();
    /** Device id → the base URI (and endpoint) that reaches it, learnt from its notifications. */
    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    private final AtomicLong received = new AtomicLong();
    private final Endpoint dtls;
    private volatile Consumer<CommandAck> ackListener = ack -> {};
    private volatile boolean closed;

    private record Route(URI base, Endpoint endpoint) {}

    public CoapDevices(List<CoapDevice> devices, TelemetryCodec codec, ReadingSink sink) {
        this.codec = codec;
        this.sink = sink;
        this.dtls = devices.stream().anyMatch(CoapDevice::secure) ? dtlsEndpoint(devices) : null;
        for (CoapDevice device : devices) {
            Endpoint endpoint = device.secure() ? dtls : null;
            if (device.secure()) {
                // the key's device is known before it says anything, so it can be commanded at once
                routes.put(device.psk().deviceId(), new Route(device.uri().resolve("/"), endpoint));
            }
            observe(device.uri(), endpoint);
        }
    }

    /** One DTLS client socket for all secured devices; the key used is chosen by the peer address. */
    private static Endpoint dtlsEndpoint(List<CoapDevice> devices) {
        var store = new AdvancedMultiPskStore();
        for (CoapDevice d : devices) {
            if (!d.secure()) continue;
            int port = d.uri().getPort() < 0 ? COAPS_DEFAULT_PORT : d.uri().getPort();
            store.addKnownPeer(
                    new InetSocketAddress(d.uri().getHost(), port),
                    d.psk().identity(),
                    d.psk().key());
        }
        var config = DtlsConnectorConfig.builder(CONFIG)
                .setAddress(new InetSocketAddress(0))
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
                .set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1)
                .set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 2)
                .setAdvancedPskStore(store)
                .setLoggingTag("edge-coaps")
                .build();
        var endpoint = CoapEndpoint.builder()
                .setConfiguration(CONFIG)
                .setConnector(new DTLSConnector(config))
                .build();
        try {
            endpoint.start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot open the DTLS socket for CoAP devices: " + e.getMessage(), e);
        }
        return endpoint;
    }

    private CoapClient client(URI uri, Endpoint endpoint) {
        var client = new CoapClient(uri.toString());
        if (endpoint != null) client.setEndpoint(endpoint);
        return client;
    }

    private synchronized void observe(URI uri, Endpoint endpoint) {
        if (closed) return;
        var client = client(uri, endpoint);
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
                    for (Reading r : readings) routes.putIfAbsent(r.deviceId(), new Route(uri.resolve("/"), endpoint));
                    sink.accept(readings, () -> {});
                } catch (SenmlException e) {
                    log.warn("refused telemetry from CoAP device {}: {} ({})", uri, e.getMessage(), e.reason());
                }
            }

            @Override
            public void onError() {
                if (closed) return; // cancelled by close()
                log.warn(
                        "observation of {} failed{}; trying again in 5 s",
                        uri,
                        endpoint == null ? "" : " (over DTLS: no answer may mean the device refused our key)");
                try {
                    retry.schedule(() -> observe(uri, endpoint), 5, TimeUnit.SECONDS);
                } catch (RejectedExecutionException e) {
                    // closed meanwhile
                }
            }
        }));
        log.info("observing CoAP device {}", uri);
    }

    /** True when this device is a CoAP device known here (so its commands go over CoAP). */
    public boolean reaches(String deviceId) {
        return routes.containsKey(deviceId);
    }

    /** Where the acks of valve commands go. */
    public void onCommandAck(Consumer<CommandAck> listener) {
        this.ackListener = listener;
    }

    /**
     * Sends a valve command to the device's {@code /valve} (PUT); the answer, when it comes, goes
     * to the ack listener. False when the device is not a known CoAP device.
     */
    public boolean send(ValveCommand command) {
        Route route = routes.get(command.deviceId());
        if (route == null || closed) return false;
        var client = client(route.base().resolve("/valve"), route.endpoint());
        client.put(
                new CoapHandler() {
                    @Override
                    public void onLoad(CoapResponse response) {
                        client.shutdown();
                        if (!response.isSuccess()) {
                            log.warn(
                                    "command {} to {} answered {}: {}",
                                    command.commandId(),
                                    command.deviceId(),
                                    response.getCode(),
                                    response.getResponseText());
                            return;
                        }
                        try {
                            CommandAck ack = CommandCodec.decodeAck(response.getPayload());
                            if (!ack.deviceId().equals(command.deviceId())) {
                                log.warn("ignored an ack from {} naming device {}", command.deviceId(), ack.deviceId());
                                return;
                            }
                            ackListener.accept(ack);
                        } catch (IllegalArgumentException e) {
                            log.warn(
                                    "refused a command ack from CoAP device {}: {}",
                                    command.deviceId(),
                                    e.getMessage());
                        }
                    }

                    @Override
                    public void onError() {
                        client.shutdown();
                        log.warn("command {} to CoAP device {} got no answer", command.commandId(), command.deviceId());
                    }
                },
                CommandCodec.encode(command),
                JSON);
        return true;
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
        if (dtls != null) dtls.destroy();
    }
}
