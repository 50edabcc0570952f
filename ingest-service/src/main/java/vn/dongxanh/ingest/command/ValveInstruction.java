package vn.dongxanh.ingest.command;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * An override or a schedule of a plot's valve as stored and as the API shows it.
 *
 * @param hold overrides: OPEN, CLOSED, or AUTO (ends the override in force)
 * @param until overrides: when the valve goes back to automatic control
 * @param start schedules: when to water
 * @param runSeconds schedules: for how long
 * @param expires schedules: void if not started by then
 * @param state the delivery: PENDING, SENT, then the gateway's APPLIED, REFUSED or EXPIRED, or
 *     TIMED_OUT without an answer
 * @param answeredAt the gateway's time of its answer
 * @param replacedAt overrides: when a later override or valve command the gateway applied took its place
 * @param phase where it is now, from its state and the clock
 * @param endsAt when it ends or ended (overrides: until, or when replaced; schedules: start + run time)
 */
@Schema(description = "An override or schedule of a plot's valve")
public record ValveInstruction(
        String id,
        @Schema(description = "OVERRIDE or SCHEDULE") String kind,
        String cooperative,
        String gateway,
        String plot,

        @Schema(description = "overrides: OPEN, CLOSED or AUTO")
        String hold,

        Instant until,
        Instant start,
        Long runSeconds,
        Instant expires,
        CommandState state,
        String reason,
        Instant issuedAt,
        Instant deadline,
        Instant answeredAt,
        Instant replacedAt,

        @Schema(description = "WAITING, NOT_APPLIED, ACTIVE, UPCOMING, DUE, ENDED or REPLACED")
        Phase phase,

        Instant endsAt,
        String sentBy,
        String sentByOrganisation) {

    /** Where an override or schedule is now. */
    public enum Phase {
        /** Not answered yet (PENDING or SENT). */
        WAITING,
        /** Refused, expired or never answered: it does nothing. */
        NOT_APPLIED,
        /** An applied override holding the valve now. */
        ACTIVE,
        /** An applied schedule whose start is still ahead. */
        UPCOMING,
        /**
         * An applied schedule whose time has come and not yet passed its expiry or run: the gateway
         * waters unless an override holds the valve or rain makes it skip (its decisions say).
         */
        DUE,
        /** Over: its time ran out (or, for AUTO, it ended the override in force). */
        ENDED,
        /** An override a later one (or a valve command) took the place of before its time ran out. */
        REPLACED
    }

    static final String OVERRIDE = "OVERRIDE";
    static final String SCHEDULE = "SCHEDULE";

    /** The same with its phase and end worked out at {@code now}. */
    ValveInstruction at(Instant now) {
        Phase p;
        Instant ends;
        if (kind.equals(OVERRIDE)) {
            ends = until;
            if (state != CommandState.APPLIED) {
                p = state == CommandState.PENDING || state == CommandState.SENT ? Phase.WAITING : Phase.NOT_APPLIED;
            } else if (hold.equals("AUTO")) {
                p = Phase.ENDED;
                ends = answeredAt;
            } else if (replacedAt != null && replacedAt.isBefore(until)) {
                p = Phase.REPLACED;
                ends = replacedAt;
            } else {
                p = now.isBefore(until) ? Phase.ACTIVE : Phase.ENDED;
            }
        } else {
            ends = start.plusSeconds(runSeconds);
            Instant over = ends.isAfter(expires) ? ends : expires;
            if (state != CommandState.APPLIED) {
                p = state == CommandState.PENDING || state == CommandState.SENT ? Phase.WAITING : Phase.NOT_APPLIED;
            } else if (now.isBefore(start)) {
                p = Phase.UPCOMING;
            } else {
                p = now.isBefore(over) ? Phase.DUE : Phase.ENDED;
            }
        }
        return new ValveInstruction(
                id,
                kind,
                cooperative,
                gateway,
                plot,
                hold,
                until,
                start,
                runSeconds,
                expires,
                state,
                reason,
                issuedAt,
                deadline,
                answeredAt,
                replacedAt,
                p,
                ends,
                sentBy,
                sentByOrganisation);
    }
}
