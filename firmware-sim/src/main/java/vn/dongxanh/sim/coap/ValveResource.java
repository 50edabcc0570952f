package vn.dongxanh.sim.coap;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.server.resources.CoapExchange;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.command.CommandCodec;
import vn.dongxanh.sim.SimClock;
import vn.dongxanh.sim.device.ValveController;

/**
 * {@code /valve}: GET answers {@code {"dev":…,"open":true|false,"at":…}}; PUT or POST a
 * {@link vn.dongxanh.contract.command.ValveCommand} JSON and the response (2.04) carries the
 * {@link vn.dongxanh.contract.command.CommandAck} JSON. A body that is not a command and has no
 * id gets 4.00.
 */
final class ValveResource extends CoapResource {
    private final ValveController valve;
    private final SimClock clock;

    ValveResource(ValveController valve, SimClock clock) {
        super("valve");
        this.valve = valve;
        this.clock = clock;
        getAttributes().setTitle("valve of " + valve.id() + " (GET state, POST/PUT command)");
        getAttributes().addContentType(CoapSupport.JSON);
    }

    @Override
    public void handleGET(CoapExchange exchange) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("dev", valve.id());
        o.put("open", valve.isOpen());
        o.put("at", clock.wallNow().toString());
        exchange.respond(CoAP.ResponseCode.CONTENT, Json.MAPPER.writeValueAsBytes(o), CoapSupport.JSON);
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
        command(exchange);
    }

    @Override
    public void handlePUT(CoapExchange exchange) {
        command(exchange);
    }

    private void command(CoapExchange exchange) {
        valve.handle(exchange.getRequestPayload())
                .ifPresentOrElse(
                        ack -> exchange.respond(CoAP.ResponseCode.CHANGED, CommandCodec.encode(ack), CoapSupport.JSON),
                        () -> exchange.respond(
                                CoAP.ResponseCode.BAD_REQUEST, "body must be a valve command JSON with an \"id\""));
    }
}
