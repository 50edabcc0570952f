package vn.dongxanh.ingest.gateway;

/** What a newly stored batch told us about its gateway's uplink sequence. */
public sealed interface SequenceObservation {
    String gatewayId();

    /** The first batch we ever stored from this gateway. */
    record First(String gatewayId, long seq) implements SequenceObservation {}

    /** The batch after the last one: nothing missing. */
    record InOrder(String gatewayId, long seq) implements SequenceObservation {}

    /** Sequences {@code from..to} were skipped: a new open gap. */
    record Gap(String gatewayId, long from, long to) implements SequenceObservation {
        public long missing() {
            return to - from + 1;
        }
    }

    /** A jump larger than the reset threshold: the gateway started a new outbox. */
    record Reset(String gatewayId, long previous, long seq) implements SequenceObservation {}

    /** A missing sequence arrived late; {@code closed} when its gap has nothing missing any more. */
    record Filled(String gatewayId, long seq, boolean closed) implements SequenceObservation {}

    /** An older sequence that no open gap was waiting for (from before we first heard of the gateway). */
    record Late(String gatewayId, long seq) implements SequenceObservation {}
}
