package vn.dongxanh.sim;

/** How a simulated device talks to its gateway. */
public enum Transport {
    /** Its own MQTT 5 client on the field broker. */
    MQTT,
    /** A CoAP server of its own (observable {@code /telemetry}, and {@code /valve} on valves). */
    COAP
}
