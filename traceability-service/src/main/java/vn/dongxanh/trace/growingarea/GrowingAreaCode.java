package vn.dongxanh.trace.growingarea;

import java.math.BigDecimal;
import java.time.Instant;

/** A growing-area code (mã số vùng trồng) as registered. */
public record GrowingAreaCode(
        String code,
        String organisationId,
        String crop,
        CodeStatus status,
        BigDecimal areaHa,
        Instant appliedAt,
        String commune) {}
