package vn.dongxanh.edge.uplink;

import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.command.GatewayAck;
import vn.dongxanh.contract.command.GatewayRequest;
import vn.dongxanh.contract.command.GatewayRequestCodec;

/**
 * The gateway's door for cloud requests: only a message on this gateway's own command topic is
 * read at all (whatever a broker delivers on any other topic is dropped unread), and an
 * unreadable request is answered REFUSED when it has an id. Replays and deadlines are judged
 * after this, by the control loop, against the durable record of request ids.
 */
final class CommandGate {
    private static final Logger log = LoggerFactory.getLogger(CommandGate.class);

    private final String commandTopic;
    private final Consumer<GatewayRequest> requests;
    private final Consumer<GatewayAck> answers;
    private final Clock clock;

    CommandGate(String commandTopic, Consumer<GatewayRequest> requests, Consumer<GatewayAck> answers, Clock clock) {
        this.commandTopic = commandTopic;
        this.requests = requests;
        this.answers = answers;
        this.clock = clock;
    }

    void accept(String topic, byte[] payload) {
        if (!commandTopic.equals(topic)) {
            log.warn("dropped a message on {}: requests are taken only from {}", topic, commandTopic);
            return;
        }
        try {
            requests.accept(GatewayRequestCodec.decode(payload));
        } catch (IllegalArgumentException e) {
            log.warn("refused a request from the cloud: {}", e.getMessage());
            String id = idOf(payload);
            if (GatewayRequest.REQUEST_ID.matcher(id).matches()) {
                answers.accept(new GatewayAck(id, GatewayAck.Result.REFUSED, e.getMessage(), clock.instant()));
            }
        } catch (RuntimeException e) {
            log.warn("refused an unreadable request from the cloud: {}", e.getMessage());
        }
    }

    private static String idOf(byte[] payload) {
        try {
            return Json.MAPPER.readTree(payload).path("id").asString("");
        } catch (RuntimeException notJson) {
            return "";
        }
    }
}
