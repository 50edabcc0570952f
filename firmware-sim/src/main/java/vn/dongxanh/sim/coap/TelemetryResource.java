package vn.dongxanh.sim.coap;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.server.resources.CoapExchange;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.sim.Recorder;

/**
 * {@code /telemetry}: the device's latest report as SenML JSON, observable (RFC 7641) with
 * confirmable notifications, one per report. A report is recorded when an observer acknowledges
 * its notification or a GET response carries it.
 */
final class TelemetryResource extends CoapResource {
    private final Recorder recorder;
    private volatile Report current;

    /** A published report and whether it has been recorded yet (once, however many observers). */
    private record Report(byte[] payload, List<Reading> readings, AtomicBoolean recorded) {}

    TelemetryResource(String deviceId, Recorder recorder) {
        super("telemetry");
        this.recorder = recorder;
        setObservable(true);
        setObserveType(CoAP.Type.CON);
        getAttributes().setTitle("telemetry of " + deviceId + " (SenML)");
        getAttributes().addContentType(CoapSupport.SENML_JSON);
        getAttributes().setObservable();
    }

    void update(byte[] payload, List<Reading> readings) {
        current = new Report(payload, readings, new AtomicBoolean());
        changed();
    }

    @Override
    public void handleGET(CoapExchange exchange) {
        Report report = current;
        if (report == null) {
            exchange.respond(CoAP.ResponseCode.SERVICE_UNAVAILABLE, "no reading yet");
            return;
        }
        Response response = new Response(CoAP.ResponseCode.CONTENT);
        response.setPayload(report.payload());
        response.getOptions().setContentFormat(CoapSupport.SENML_JSON);
        response.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onSent(boolean retransmission) {
                // A piggy-backed or NON response is never acknowledged on its own.
                if (response.getType() != CoAP.Type.CON) delivered(report);
            }

            @Override
            public void onAcknowledgement() {
                delivered(report);
            }
        });
        exchange.respond(response);
    }

    private void delivered(Report report) {
        if (report.recorded().compareAndSet(false, true)) {
            recorder.record(report.readings());
        }
    }
}
