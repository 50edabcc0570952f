package vn.dongxanh.sim.coap;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import vn.dongxanh.contract.psk.DevicePsk;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.sim.Recorder;
import vn.dongxanh.sim.SimClock;
import vn.dongxanh.sim.device.DeviceLink;
import vn.dongxanh.sim.device.SimDevice;
import vn.dongxanh.sim.device.ValveController;

/**
 * A device that speaks CoAP: a Californium server of its own on {@code host:port} with an
 * observable {@code /telemetry} and, for a valve controller, {@code /valve}. Each report
 * becomes a notification to every observer.
 *
 * <p>With a pre-shared key the server speaks only DTLS ({@code coaps://}): a handshake with
 * another identity or another key fails, and the device then sends nothing at all, no error
 * and no CoAP response (docs/security-coap.md).
 */
public final class CoapDeviceLink implements DeviceLink {
    private final SimDevice device;
    private final TelemetryCodec codec;
    private final CoapServer server;
    private final Endpoint endpoint;
    private final TelemetryResource telemetry;
    private final String host;
    private final String scheme;
    private final AtomicLong reports = new AtomicLong();
    private volatile boolean running;

    /**
     * A device serving plain CoAP: anyone who reaches the port may read it and move its valve.
     *
     * @param port 0 for a free port
     * @param executor Californium's protocol and timer threads (shared, not shut down here)
     */
    public CoapDeviceLink(
            SimDevice device,
            String host,
            int port,
            TelemetryCodec codec,
            Recorder recorder,
            SimClock clock,
            ScheduledExecutorService executor) {
        this(device, host, port, null, codec, recorder, clock, executor);
    }

    /**
     * @param port 0 for a free port
     * @param psk the device's own key, so it serves {@code coaps://} only; null for plain CoAP
     * @param executor Californium's protocol and timer threads (shared, not shut down here)
     */
    public CoapDeviceLink(
            SimDevice device,
            String host,
            int port,
            DevicePsk psk,
            TelemetryCodec codec,
            Recorder recorder,
            SimClock clock,
            ScheduledExecutorService executor) {
        this.device = device;
        this.codec = codec;
        this.host = host;
        this.scheme = psk == null ? "coap" : "coaps";
        var config = CoapSupport.configuration();
        this.server = new CoapServer(config);
        var address = new InetSocketAddress(host, port);
        var builder = new CoapEndpoint.Builder().setConfiguration(config);
        if (psk == null) {
            builder.setInetSocketAddress(address);
        } else {
            builder.setConnector(new DTLSConnector(dtls(config, address, psk)));
        }
        this.endpoint = builder.build();
        server.addEndpoint(endpoint);
        server.setExecutors(executor, executor, true);
        this.telemetry = new TelemetryResource(device.id(), recorder);
        server.add(telemetry);
        if (device instanceof ValveController valve) {
            server.add(new ValveResource(valve, clock));
        }
    }

    /**
     * A DTLS server that knows exactly one identity, the device's own. Few threads and
     * connections: a field device talks to its gateway, not to thousands of peers.
     */
    private static DtlsConnectorConfig dtls(Configuration config, InetSocketAddress address, DevicePsk psk) {
        var store = new AdvancedMultiPskStore();
        store.setKey(psk.identity(), psk.key());
        return DtlsConnectorConfig.builder(config)
                .setAddress(address)
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY)
                .set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1)
                .set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1)
                .set(DtlsConfig.DTLS_MAX_CONNECTIONS, 64)
                .setAdvancedPskStore(store)
                .setLoggingTag(psk.deviceId())
                .build();
    }

    /** Binds the UDP port and serves. */
    public synchronized void start() {
        server.start();
        running = true;
    }

    /** {@code coap://host:port}, or {@code coaps://} with DTLS (the port is known once started). */
    public URI baseUri() {
        return URI.create(scheme + "://" + host + ":" + endpoint.getAddress().getPort());
    }

    /** {@code coap(s)://host:port/telemetry}. */
    public URI telemetryUri() {
        return baseUri().resolve("/telemetry");
    }

    /** {@code coap(s)://host:port/valve}, present on valve controllers. */
    public URI valveUri() {
        return baseUri().resolve("/valve");
    }

    public int observers() {
        return telemetry.getObserverCount();
    }

    @Override
    public void publish(List<Reading> readings) {
        byte[] payload = codec.encode(readings);
        telemetry.update(payload, codec.decode(payload));
        reports.incrementAndGet();
    }

    /** Reports made available to observers. */
    public long reports() {
        return reports.get();
    }

    @Override
    public synchronized void drop() {
        if (running) {
            server.stop();
            running = false;
        }
    }

    @Override
    public synchronized void restore() {
        if (!running) {
            server.start();
            running = true;
        }
    }

    @Override
    public String describe() {
        return "coap device " + device.id() + " at " + telemetryUri();
    }

    @Override
    public synchronized void close() {
        running = false;
        server.destroy();
    }
}
