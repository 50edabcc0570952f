package vn.dongxanh.ingest.telemetry;

/** Which of the gateway topics a message came in on; it picks the counter that counts it. */
public enum Channel {
    TELEMETRY,
    EVENTS,
    STATE;

    /** By the topic's last level; anything unrecognised counts as telemetry (the original intake). */
    public static Channel of(String topic) {
        if (topic != null && topic.endsWith("/events")) return EVENTS;
        if (topic != null && topic.endsWith("/state")) return STATE;
        return TELEMETRY;
    }
}
