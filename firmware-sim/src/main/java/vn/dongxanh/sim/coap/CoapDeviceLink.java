package vn.dongxanh.sim.coap;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
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
 */
public final class CoapDeviceLink implements DeviceLink {
    private final SimDevice device;
    private final TelemetryCodec codec;
    private final CoapServer server;
    private final Endpoint endpoint;
    private final TelemetryResource telemetry;
    private final String host;
    private final AtomicLong reports = new AtomicLong();
    private volatile boolean running;

    /**
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
        this.device = device;
        this.codec = codec;
        this.host = host;
        var config = CoapSupport.configuration();
        this.server = new CoapServer(config);
        this.endpoint = new CoapEndpoint.Builder()
                .setInetSocketAddress(new InetSocketAddress(host, port))
                .setConfiguration(config)
                .build();
        server.addEndpoint(endpoint);
        server.setExecutors(executor, executor, true);
        this.telemetry = new TelemetryResource(device.id(), recorder);
        server.add(telemetry);
        if (device instanceof ValveController valve) {
            server.add(new ValveResource(valve, clock));
        }
    }

    /** Binds the UDP port and serves. */
    public synchronized void start() {
        server.start();
        running = true;
    }

    /** {@code coap://host:port} of this device (its port is known once started). */
    public URI baseUri() {
        return URI.create("coap://" + host + ":" + endpoint.getAddress().getPort());
    }

    /** {@code coap://host:port/telemetry}. */
    public URI telemetryUri() {
        return baseUri().resolve("/telemetry");
    }

    /** {@code coap://host:port/valve}, present on valve controllers. */
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
