package vn.dongxanh.trace.resolver;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import vn.dongxanh.trace.certificate.Certificate;
import vn.dongxanh.trace.record.StoredRecord;

/**
 * The public facts of a lot as plain JSON ({@code GET /api/lots/{gtin}/{lot}}): what the buyer
 * page (module web) shows, the same facts as the resolver's JSON-LD plus the certificate's issuer
 * and the ledger state. Organisations are named; people never are. Absent values are null.
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

    /** The batch's ledger record: its state and, once anchored, the Merkle root, transaction and block. */
    public record LedgerRecord(long id, String status, String root, String transactionHash, Long blockNumber) {}

    static LotDocument of(LotFacts facts, String digitalLink, String epc) {
        var b = facts.batch();
        var certificates = facts.certificates().stream()
                .map(cf -> {
                    Certificate c = cf.certificate();
                    return new CertificateFact(
                            c.id(),
                            c.scheme().name(),
                            c.number(),
                            c.validFrom(),
                            c.validTo(),
                            cf.status(),
                            cf.issuer(),
                            c.stars().orElse(null));
                })
                .toList();
        var irrigation = facts.irrigation().stream()
                .map(e -> {
                    var s = e.summary();
                    return new Irrigation(
                            e.plot(),
                            e.from(),
                            e.to(),
                            s.days(),
                            s.daysIrrigated(),
                            s.water().m3(),
                            s.water().mm(),
                            s.water().method(),
                            s.alarms(),
                            s.sensorCoverage().percent(),
                            e.recordId());
                })
                .toList();
        StoredRecord.Status status = facts.record().map(StoredRecord::status).orElse(StoredRecord.Status.PENDING);
        var anchoring = facts.record().flatMap(StoredRecord::anchoring);
        var record = new LedgerRecord(
                b.recordId(),
                status.name(),
                anchoring.map(a -> a.root().hex()).orElse(null),
                // a pending record's transaction may still be replaced: shown only once it is on the chain
                anchoring
                        .flatMap(StoredRecord.Anchoring::txHash)
                        .filter(h -> status != StoredRecord.Status.PENDING)
                        .orElse(null),
                anchoring.flatMap(StoredRecord.Anchoring::blockNumber).orElse(null));
        return new LotDocument(
                b.gtin(),
                b.lot(),
                digitalLink,
                epc,
                new Product(facts.productName(), facts.crop()),
                b.harvestDate(),
                b.quantityKg(),
                new Organisation(facts.cooperativeId(), facts.cooperativeName()),
                new GrowingArea(
                        facts.code().code(),
                        facts.code().status().name(),
                        facts.statusOnHarvestDate().map(Enum::name).orElse(null),
                        b.plots()),
                certificates,
                irrigation,
                record,
                facts.today());
    }
}
