package vn.dongxanh.ingest.command;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Valve commands from the cloud (CONFIGURATION.md, ingest-service, "Valve commands").
 *
 * @param enabled false: no command API and no MQTT link for it
 * @param ackGroup shared-subscription group of the gateways' answers (instances split them); empty:
 *     the telemetry share group + {@code -acks}, so instances that share telemetry share answers and
 *     a run with a group of its own (a test on a shared broker) never takes another run's answers
 * @param defaultTtl how long a command may take to reach its device when the caller gives no ttl
 * @param maxTtl the longest ttl a caller may ask for
 * @param maxRunTime the longest run time accepted here; each gateway enforces its own, stricter limit
 * @param timeoutGrace an unanswered command is TIMED_OUT this long after its deadline
 * @param sweepEvery how often unanswered commands are checked
 */
@ConfigurationProperties("dx.ingest.commands")
public record CommandProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("") String ackGroup,
        @DefaultValue("1m") Duration defaultTtl,
        @DefaultValue("10m") Duration maxTtl,
        @DefaultValue("4h") Duration maxRunTime,
        @DefaultValue("10s") Duration timeoutGrace,
        @DefaultValue("5s") Duration sweepEvery) {}
