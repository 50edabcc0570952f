package vn.dongxanh.web.batch;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vn.dongxanh.web.trace.TraceApi;

/**
 * The "new batch from a harvest" form as typed: strings, so that a half-filled form comes back as
 * it was. Plots and certificates are lists separated by commas or spaces; what cannot be read is
 * sent as absent and traceability-service's checks say what is missing.
 */
public record BatchForm(
        String gtin,
        String lot,
        String code,
        String plots,
        String harvestDate,
        String quantityKg,
        String certificates) {

    public static BatchForm empty() {
        return new BatchForm("", "", "", "", "", "", "");
    }

    /** The body of creation and of the checks; {@link NumberFormatException} for a certificate that is no number. */
    TraceApi.NewBatch toNewBatch() {
        var certificateIds = new ArrayList<Long>();
        for (String id : words(certificates)) certificateIds.add(Long.valueOf(id));
        return new TraceApi.NewBatch(
                blankAsNull(gtin),
                blankAsNull(lot),
                blankAsNull(code),
                words(plots),
                date(harvestDate),
                quantity(quantityKg),
                certificateIds);
    }

    /** The plots as typed, for the links to their diaries. */
    public List<String> plotIds() {
        return words(plots);
    }

    public String value(String s) {
        return s == null ? "" : s;
    }

    private static List<String> words(String s) {
        if (s == null || s.isBlank()) return List.of();
        return Arrays.stream(s.trim().split("[,\\s]+"))
                .filter(w -> !w.isEmpty())
                .toList();
    }

    private static String blankAsNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static LocalDate date(String s) {
        try {
            return s == null || s.isBlank() ? null : LocalDate.parse(s.trim());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static BigDecimal quantity(String s) {
        try {
            return s == null || s.isBlank() ? null : new BigDecimal(s.trim().replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
