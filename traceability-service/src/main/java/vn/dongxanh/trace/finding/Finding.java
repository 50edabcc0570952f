package vn.dongxanh.trace.finding;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * Something the evidence says is wrong, or about to be (docs/findings.md): its kind, how serious,
 * the code and cooperative it is about (a certificate's finding has no code), what exactly
 * ({@code subject}: {@code code/…}, {@code batch/…}, {@code plot/…}, {@code certificate/…},
 * {@code record/…}), a sentence, the figures it rests on, where its inspection stands, and since
 * when the findings watch has seen it.
 */
public record Finding(
        Kind kind,
        Severity severity,
        String code,
        String organisation,
        String subject,
        String summary,
        Map<String, Object> evidence,
        State state,
        Long inspection,

        @Schema(description = "when the findings watch first saw it; null: not seen by the watch yet")
        java.time.Instant since) {

    /** A finding as the audit computes it: open, until an inspection is planned (docs/inspections.md). */
    public Finding(
            Kind kind,
            Severity severity,
            String code,
            String organisation,
            String subject,
            String summary,
            Map<String, Object> evidence) {
        this(kind, severity, code, organisation, subject, summary, evidence, State.OPEN, null, null);
    }

    /** The same finding where its latest inspection has taken it. */
    public Finding at(State state, Long inspection) {
        return new Finding(kind, severity, code, organisation, subject, summary, evidence, state, inspection, since);
    }

    /** The same finding, first seen by the findings watch at {@code since}. */
    public Finding seenSince(java.time.Instant since) {
        return new Finding(kind, severity, code, organisation, subject, summary, evidence, state, inspection, since);
    }

    /** Where a finding is in the inspection workflow. */
    public enum State {
        OPEN,
        UNDER_INSPECTION,
        RESOLVED,
        ESCALATED
    }

    public enum Kind {
        /** A code's batches in one crop cycle weigh more than its area can grow. */
        YIELD_BEYOND_AREA,
        /** A batch harvested when its code was not issued (before issue, suspended, revoked). */
        HARVEST_OUTSIDE_CODE_VALIDITY,
        /** A batch claims a certificate that was not valid on its harvest date. */
        CERTIFICATE_NOT_VALID_FOR_BATCH,
        /** A pesticide's pre-harvest interval on a batch's plot had not run out by its harvest. */
        PRE_HARVEST_INTERVAL,
        /** Plots of two live codes overlap. */
        PLOTS_OVERLAP,
        /** A cooperative's active certificate ends within the configured window. */
        CERTIFICATE_EXPIRING,
        /** A record's stored content no longer gives its anchored leaf. */
        LEDGER_MISMATCH,
        /** A lot's scans look like a copied label (docs/scan-signals.md). */
        POSSIBLE_CLONED_LABEL,
        /** A batch's plot whose sensors sent nothing during its season. */
        NO_SENSOR_EVIDENCE,
        /** A batch's plot whose sensors reported but no irrigation is recorded during its season. */
        EMPTY_IRRIGATION_RECORD,
        /** Irrigation typed into a plot's diary by hand, where the sensors' record is wanted. */
        IRRIGATION_TYPED_BY_HAND
    }

    public enum Severity {
        HIGH,
        WATCH
    }
}
