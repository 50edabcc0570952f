package vn.dongxanh.ingest.telemetry;

import java.time.Instant;

/**
 * One MQTT message as it arrived, waiting to be written.
 *
 * @param topic topic name it was published to
 * @param payload raw bytes (not copied; nobody mutates them)
 * @param messageId MQTT packet id, needed for the manual ack
 * @param qos delivered QoS; 0 needs no ack
 * @param connection which connection delivered it: an ack is only valid on that connection
 * @param receivedAt wall-clock arrival time, stored in the ledger and dead letters
 * @param arrivedNanos {@link System#nanoTime()} at arrival, for the latency timer
 */
public record InboundMessage(
        String topic, byte[] payload, int messageId, int qos, long connection, Instant receivedAt, long arrivedNanos) {}
