package vn.dongxanh.trace.batch;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A harvest batch: a lot of a product, grown under a code on some of its plots. */
public record Batch(
        long id,
        String gtin,
        String lot,
        String code,
        String organisationId,
        LocalDate harvestDate,
        BigDecimal quantityKg,
        List<String> plots,
        List<Long> certificates,
        long recordId,
        boolean published) {}
