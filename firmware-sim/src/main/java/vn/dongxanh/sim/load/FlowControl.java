package vn.dongxanh.sim.load;

/**
 * The caller's say over the pace of a {@link LoadGenerator}, asked before every batch. A QoS 1
 * publish is acknowledged by the broker, not by whoever consumes it, so a caller that watches
 * the consumer (e.g. readings stored by the cloud service) can hold the load back until it
 * catches up. While the answer is no, the publisher waits {@link LoadGenerator#FLOW_PAUSE} and
 * asks again.
 */
@FunctionalInterface
public interface FlowControl {
    /** No say: publish as fast as the broker (and any target rate) allows. */
    FlowControl NONE = publishedReadings -> true;

    /** @param publishedReadings readings published so far by the whole generator */
    boolean mayPublish(long publishedReadings);
}
