package vn.dongxanh.ingest.command;

import java.time.Clock;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import vn.dongxanh.contract.command.GatewayRequest;
import vn.dongxanh.contract.command.GatewayRequestCodec;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.contract.topic.Topics;
import vn.dongxanh.ingest.telemetry.MqttLogin;
import vn.dongxanh.ingest.telemetry.MqttProperties;

/**
 * The MQTT side of commands: requests go down on a gateway's {@code cmd} topic (QoS 1), the
 * gateways' answers come back on a shared subscription of {@code cmd/ack}, so that whichever
 * instance receives an answer records it.
 */
@Component
@ConditionalOnProperty(prefix = "dx.ingest.commands", name = "enabled", matchIfMissing = true)
class CommandLink implements SmartLifecycle, MqttCallback {
    private static final Logger log = LoggerFactory.getLogger(CommandLink.class);

    private final MqttProperties mqtt;
    private final CommandProperties props;
    private final CommandStore store;
    private final InstructionStore instructions;
    private final Clock clock;
    private volatile MqttAsyncClient client;

    CommandLink(
            MqttProperties mqtt,
            CommandProperties props,
            CommandStore store,
            InstructionStore instructions,
            Clock clock) {
        this.mqtt = mqtt;
        this.props = props;
        this.store = store;
        this.instructions = instructions;
        this.clock = clock;
    }

    @Override
    public void start() {
        try {
            client = new MqttAsyncClient(mqtt.url(), "ingest-cmd-" + UUID.randomUUID(), new MemoryPersistence());
            client.setCallback(this);
            var o = new MqttConnectionOptions();
            o.setCleanStart(true);
            o.setAutomaticReconnect(true);
            client.connect(MqttLogin.apply(mqtt, o));
        } catch (MqttException e) {
            log.warn("command link to {} not connected yet: {}", mqtt.url(), e.getMessage());
        }
    }

    /**
     * Hands a request to the broker; the command becomes SENT when the broker has it. Inside a
     * transaction (a request's, with its audit row) it waits for the commit: a valve must not move
     * on a command that was rolled back, and the command's row must be there to be marked SENT.
     */
    void send(String cooperative, String gateway, GatewayRequest request) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    publish(cooperative, gateway, request);
                }
            });
        } else {
            publish(cooperative, gateway, request);
        }
    }

    private void publish(String cooperative, String gateway, GatewayRequest request) {
        var c = client;
        if (c == null || !c.isConnected()) {
            log.warn("command {} stays PENDING: no connection to the broker", request.requestId());
            return;
        }
        try {
            c.publish(
                    new Topic.GatewayCommand(cooperative, gateway).path(),
                    GatewayRequestCodec.encode(request),
                    1,
                    false,
                    null,
                    new MqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            // a valve command or an override/schedule: whichever table has the id
                            if (request instanceof GatewayRequest.Valve) {
                                store.markSent(request.requestId(), clock.instant());
                            } else {
                                instructions.markSent(request.requestId(), clock.instant());
                            }
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable e) {
                            log.warn("command {} not taken by the broker: {}", request.requestId(), e.getMessage());
                        }
                    });
        } catch (MqttException e) {
            log.warn("command {} not sent: {}", request.requestId(), e.getMessage());
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        try {
            client.subscribe(Topics.shared(ackGroup(), Topics.ALL_GATEWAY_ACKS), 1);
        } catch (MqttException e) {
            log.error("cannot subscribe to gateway answers: {}", e.getMessage());
        }
    }

    private String ackGroup() {
        return props.ackGroup().isBlank() ? mqtt.shareGroup() + "-acks" : props.ackGroup();
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        try {
            if (!(Topics.parse(topic) instanceof Topic.GatewayCommandAck from)) {
                log.warn("ignored an answer on {}: not a gateway's cmd/ack topic", topic);
                return;
            }
            var ack = GatewayRequestCodec.decodeAck(message.getPayload());
            // only the gateway the command went to may settle it: another gateway's answer is ignored
            if (store.answer(ack, from.cooperativeId(), from.gatewayId())
                    || instructions.answer(ack, from.cooperativeId(), from.gatewayId())) {
                log.info("command {} answered {} {}", ack.requestId(), ack.result(), ack.reason());
            } else if (store.find(ack.requestId())
                    .filter(c -> !c.gateway().equals(from.gatewayId())
                            || !c.cooperative().equals(from.cooperativeId()))
                    .isPresent()) {
                log.warn(
                        "ignored an answer to command {} from gateway {} of {}: it was sent to another gateway",
                        ack.requestId(),
                        from.gatewayId(),
                        from.cooperativeId());
            }
        } catch (IllegalArgumentException e) {
            log.warn("ignored an unreadable answer on {}: {}", topic, e.getMessage());
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        log.warn("command link disconnected: {}", response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        log.warn("command link: {}", exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties properties) {}

    @Override
    public void stop() {
        var c = client;
        client = null;
        if (c == null) return;
        try {
            if (c.isConnected()) c.disconnect().waitForCompletion(2_000);
            c.close();
        } catch (MqttException e) {
            log.debug("command link close: {}", e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return client != null;
    }
}
