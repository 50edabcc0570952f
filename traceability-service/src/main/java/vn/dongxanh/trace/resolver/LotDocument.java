package vn.dongxanh.trace.resolver;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The public facts of a lot as plain JSON ({@code GET /api/lots/{gtin}/{lot}}): what the buyer
 * page (module web) shows, the same facts as the resolver's JSON-LD plus the certificate's issuer
 * and the ledger state, all read from the lot's records (its story, {@link LotDocuments}), never
 * from the editable tables. Organisations are named; people never are. Absent values are null.
 *
 * @param digitalLink the lot's GS1 Digital Link URI (as in its QR code)
 * @param epc the lot's EPC class, the {@code epc} of its EPCIS events query
 * @param asOf the day certificate statuses were computed for, in the platform's zone
 */
public record LotDocument(
        String gtin,
        String lot,
        String digitalLink,
        String epc,
        Product product,
        LocalDate harvestDate,
        BigDecimal quantityKg,
        Organisation cooperative,
        GrowingArea growingArea,
        List<CertificateFact> certificates,
        List<Irrigation> irrigation,
        LedgerRecord record,
        LocalDate asOf) {

    public record Product(String name, String crop) {}

    public record Organisation(String id, String name) {}

    /** The growing-area code, its status now and on the harvest date (null: unknown), the batch's plots. */
    public record GrowingArea(String code, String status, String statusOnHarvestDate, List<String> plots) {}

    /** A claimed certificate and its status on {@code asOf} (VALID, EXPIRING, EXPIRED, …). */
    public record CertificateFact(
            long id,
            String scheme,
            String number,
            LocalDate validFrom,
            LocalDate validTo,
            String status,
            String issuer,
            Integer stars) {}

    /** A plot's irrigation summary of the season that ended with the harvest. */
    public record Irrigation(
            String plot,
            LocalDate from,
            LocalDate to,
            long days,
            long daysIrrigated,
            double waterM3,
            double waterMm,
            String waterMethod,
            long alarms,
            Double sensorCoveragePercent,
            long recordId) {}

    /**
     * The batch's ledger record: its state (PENDING, ANCHORED, CONFIRMED, REANCHORING; MISMATCH when
     * its stored content no longer hashes to its leaf or root) and, once anchored, the Merkle root,
     * transaction and block.
     */
    public record LedgerRecord(long id, String status, String root, String transactionHash, Long blockNumber) {}
}
