package vn.dongxanh.ingest.telemetry;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import vn.dongxanh.contract.topic.Topics;

/**
 * Connection to the cloud MQTT broker.
 *
 * @param enabled false runs the service without intake (queries only)
 * @param url broker URL, {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientId MQTT client id; keep it stable per instance so its session survives restarts
 * @param shareGroup shared-subscription group: instances in one group split the telemetry
 * @param username broker user, empty for none
 * @param password broker password, empty for none
 * @param topicFilter telemetry filter inside the shared subscription
 * @param eventsFilter irrigation events filter inside the shared subscription
 * @param stateFilter gateway state filter, subscribed by every instance unshared: the broker sends
 *     retained messages only to plain subscriptions, and every instance keeps the gateway gauges
 * @param sessionExpiry how long the broker keeps our session (and unacked QoS 1 messages) while we are away
 * @param keepAlive MQTT keep-alive interval
 * @param connectTimeout longest wait for a connection attempt
 * @param reconnectDelay first delay before reconnecting; doubles up to {@code maxReconnectDelay}
 * @param maxReconnectDelay longest delay between reconnect attempts
 * @param tlsCa PEM file of the CA certificate(s) an {@code ssl://} broker must chain to; empty for the
 *     JVM's trust store
 */
@ConfigurationProperties("dx.ingest.mqtt")
public record MqttProperties(
        boolean enabled,
        String url,
        String clientId,
        String shareGroup,
        String username,
        String password,
        String topicFilter,
        String eventsFilter,
        String stateFilter,
        Duration sessionExpiry,
        Duration keepAlive,
        Duration connectTimeout,
        Duration reconnectDelay,
        Duration maxReconnectDelay,
        String tlsCa) {
    public MqttProperties {
        require(url, "url");
        require(clientId, "client-id");
        require(topicFilter, "topic-filter");
        require(eventsFilter, "events-filter");
        require(stateFilter, "state-filter");
        Topics.shared(shareGroup, topicFilter); // validates the group name
        Objects.requireNonNull(sessionExpiry, "dx.ingest.mqtt.session-expiry");
        Objects.requireNonNull(keepAlive, "dx.ingest.mqtt.keep-alive");
        Objects.requireNonNull(connectTimeout, "dx.ingest.mqtt.connect-timeout");
        Objects.requireNonNull(reconnectDelay, "dx.ingest.mqtt.reconnect-delay");
        Objects.requireNonNull(maxReconnectDelay, "dx.ingest.mqtt.max-reconnect-delay");
    }

    /**
     * The subscriptions: {@code $share/{shareGroup}/{topicFilter}}, {@code $share/{shareGroup}/{eventsFilter}}
     * and {@code stateFilter}.
     */
    public List<String> subscriptions() {
        return List.of(Topics.shared(shareGroup, topicFilter), Topics.shared(shareGroup, eventsFilter), stateFilter);
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("dx.ingest.mqtt." + name + " must be set");
        }
    }
}
