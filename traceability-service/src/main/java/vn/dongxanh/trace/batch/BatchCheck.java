package vn.dongxanh.trace.batch;

/**
 * One check that creating a batch applies, as the preview ({@code POST /api/batches/checks}) shows
 * it.
 *
 * @param check what is checked, for grouping on the page: {@code request}, {@code harvest-date},
 *     {@code product}, {@code lot}, {@code code}, {@code plots}, {@code certificate}, {@code
 *     pre-harvest-interval}
 * @param rule the rule's code; creation refuses with this code when the check fails
 * @param subject what the check was about when there are several of one kind (a certificate's id),
 *     or null
 * @param outcome passed, failed, or not run because something it needs failed first
 * @param message the reason, in words
 */
public record BatchCheck(String check, String rule, String subject, Outcome outcome, String message) {
    public enum Outcome {
        PASS,
        FAIL,
        NOT_RUN
    }
}
