package vn.dongxanh.web.console;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;
import vn.dongxanh.web.trace.TraceApi;

/**
 * The department's home (docs/web.md): what needs it next — the riskiest open findings of the
 * inspection plan, the codes whose yearly review is due, the certificates ending soon — each
 * linked to the page where it is handled. Read from traceability-service when asked.
 */
@Component
public class Console {
    /** How many rows of each list the home shows; the full lists are a click away. */
    static final int ROWS = 8;

    private final TraceApi trace;

    Console(TraceApi trace) {
        this.trace = trace;
    }

    /**
     * What the home shows; {@code reviewsMore}: more codes are due than shown. Null lists when
     * traceability-service did not answer ({@code unavailable}).
     */
    public record Today(
            LocalDate today,
            List<TraceApi.Planned> plan,
            int planTotal,
            List<TraceApi.Code> reviewsDue,
            boolean reviewsMore,
            List<TraceApi.Findings.Finding> expiring,
            boolean unavailable) {}

    public Today today(LocalDate today) {
        try {
            List<TraceApi.Planned> plan = trace.inspectionPlan();
            TraceApi.CodePage due = trace.codes(Map.of("reviewDueBy", today.toString(), "status", "ISSUED"), 0);
            List<TraceApi.Findings.Finding> expiring =
                    trace.findings(Map.of("kind", "CERTIFICATE_EXPIRING")).findings();
            return new Today(
                    today,
                    plan.subList(0, Math.min(ROWS, plan.size())),
                    plan.size(),
                    due.codes().subList(0, Math.min(ROWS, due.codes().size())),
                    due.more() || due.codes().size() > ROWS,
                    expiring.subList(0, Math.min(ROWS, expiring.size())),
                    false);
        } catch (RestClientException e) {
            return new Today(today, List.of(), 0, List.of(), false, List.of(), true);
        }
    }
}
