package vn.dongxanh.trace.record;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Options of the records' endpoints ({@code dx.trace.records}).
 *
 * @param mismatchScan records checked by one {@code GET /api/records/mismatches} when the request
 *     names no {@code limit} (each costs two keccak256 and a proof fold, a few microseconds)
 * @param mismatchScanMax the largest {@code limit} taken; more is refused (400)
 */
@ConfigurationProperties("dx.trace.records")
public record RecordProperties(Integer mismatchScan, Integer mismatchScanMax) {
    public RecordProperties {
        mismatchScan = mismatchScan == null ? 10_000 : mismatchScan;
        mismatchScanMax = mismatchScanMax == null ? 100_000 : mismatchScanMax;
        if (mismatchScan < 1 || mismatchScanMax < mismatchScan) {
            throw new IllegalArgumentException("dx.trace.records: need 1 <= mismatch-scan <= mismatch-scan-max");
        }
    }
}
