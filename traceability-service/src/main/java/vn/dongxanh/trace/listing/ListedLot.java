package vn.dongxanh.trace.listing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A live lot as the listing feed tells it: what a marketplace lists, and the Digital Link URI of
 * its trace page. Organisations are named; people never are.
 *
 * @param batchId the feed's cursor (a published batch's id is public already)
 * @param traceUri the lot's GS1 Digital Link URI, as printed in its QR code
 * @param certificates the certificates the batch claims, with their status on the feed's day
 */
public record ListedLot(
        long batchId,
        String gtin,
        String lot,
        String traceUri,
        String productName,
        String crop,
        String cooperativeId,
        String cooperativeName,
        String growingAreaCode,
        String growingAreaCodeStatus,
        LocalDate harvestDate,
        BigDecimal quantityKg,
        List<Certification> certificates) {

    /**
     * A claimed certificate.
     *
     * @param scheme VIETGAP, GLOBALGAP or OCOP
     * @param stars the OCOP rating (3 to 5), empty for the others
     * @param status on the feed's day: VALID, EXPIRING, EXPIRED, NOT_YET_VALID, SUSPENDED, WITHDRAWN
     * @param issuer the issuing organisation's name (or the issuer named on the certificate)
     */
    public record Certification(
            String scheme,
            String number,
            Optional<Integer> stars,
            LocalDate validFrom,
            LocalDate validTo,
            String status,
            String issuer) {

        /** In force on the feed's day: what a marketplace may show as a claim. */
        public boolean inForce() {
            return status.equals("VALID") || status.equals("EXPIRING");
        }
    }

    /** The certificate of a scheme to put in a one-per-scheme column: one in force first, then the latest. */
    public Optional<Certification> certificate(String scheme) {
        return certificates.stream()
                .filter(c -> c.scheme().equals(scheme))
                .sorted(java.util.Comparator.comparing(Certification::inForce)
                        .thenComparing(Certification::validTo)
                        .reversed())
                .findFirst();
    }
}
