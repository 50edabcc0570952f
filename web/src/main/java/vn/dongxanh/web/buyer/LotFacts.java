package vn.dongxanh.web.buyer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A lot's public facts as traceability-service gives them ({@code GET /api/lots/{gtin}/{lot}},
 * docs/security-traceability.md): this module's reading of that JSON. Organisations are named,
 * people never; absent values are null.
 */
public record LotFacts(
        String gtin,
        String lot,
        String digitalLink,
        String epc,
        Product product,
        LocalDate harvestDate,
        BigDecimal quantityKg,
        Organisation cooperative,
        GrowingArea growingArea,
        List<Certificate> certificates,
        List<Irrigation> irrigation,
        LedgerRecord record,
        LocalDate asOf) {

    public LotFacts {
        certificates = certificates == null ? List.of() : List.copyOf(certificates);
        irrigation = irrigation == null ? List.of() : List.copyOf(irrigation);
    }

    public record Product(String name, String crop) {}

    public record Organisation(String id, String name) {}

    public record GrowingArea(String code, String status, String statusOnHarvestDate, List<String> plots) {}

    public record Certificate(
            long id,
            String scheme,
            String number,
            LocalDate validFrom,
            LocalDate validTo,
            String status,
            String issuer,
            Integer stars) {}

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

    public record LedgerRecord(long id, String status, String root, String transactionHash, Long blockNumber) {}
}
