package vn.dongxanh.trace.certificate;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** A certificate as registered, with what it covers. */
public record Certificate(
        long id,
        Scheme scheme,
        String number,
        Optional<String> ggn,
        String holderId,
        String issuerId,
        Optional<String> issuerName,
        Optional<Integer> stars,
        LocalDate validFrom,
        LocalDate validTo,
        String state,
        List<String> crops,
        List<String> plots,
        List<String> products,
        List<String> warnings,
        long recordId) {

    /** Status on a date: SUSPENDED/WITHDRAWN win; else NOT_YET_VALID, VALID, EXPIRING or EXPIRED. */
    public String statusOn(LocalDate date, int expiringDays) {
        if (!state.equals("ACTIVE")) {
            return state;
        }
        if (date.isBefore(validFrom)) {
            return "NOT_YET_VALID";
        }
        if (date.isAfter(validTo)) {
            return "EXPIRED";
        }
        return date.plusDays(expiringDays).isAfter(validTo) ? "EXPIRING" : "VALID";
    }

    /** True when the certificate is in force (active, inside its validity) on the date. */
    public boolean validOn(LocalDate date) {
        return state.equals("ACTIVE") && !date.isBefore(validFrom) && !date.isAfter(validTo);
    }
}
