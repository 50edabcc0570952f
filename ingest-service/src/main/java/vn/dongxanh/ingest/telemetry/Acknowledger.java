package vn.dongxanh.ingest.telemetry;

/** Tells the broker a message is safely stored (the MQTT PUBACK), after the commit. */
public interface Acknowledger {
    /** Acks the message if its connection is still the current one; never throws. */
    void ack(InboundMessage message);
}
