package vn.dongxanh.trace.resolver;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import vn.dongxanh.trace.batch.Batch;
import vn.dongxanh.trace.certificate.Certificate;
import vn.dongxanh.trace.diary.IrrigationSummaryDiary;
import vn.dongxanh.trace.growingarea.CodeStatus;
import vn.dongxanh.trace.growingarea.GrowingAreaCode;
import vn.dongxanh.trace.record.StoredRecord;

/**
 * What the resolver tells about a lot, gathered once and written as JSON-LD or as the plain {@link LotDocument}.
 *
 * @param statusOnHarvestDate the code's status on the harvest date (the current one is in code)
 * @param record the batch's ledger record, with its anchoring when there is one
 * @param today the date certificate statuses were computed for
 * @param irrigation per plot of the batch that has one, the irrigation summary of its season
 */
record LotFacts(
        Batch batch,
        String productName,
        String crop,
        String cooperativeId,
        String cooperativeName,
        GrowingAreaCode code,
        Optional<CodeStatus> statusOnHarvestDate,
        List<CertificateFact> certificates,
        Optional<StoredRecord> record,
        LocalDate today,
        List<IrrigationSummaryDiary.Entry> irrigation) {

    /**
     * A certificate claimed by the batch, its status today (VALID, EXPIRING, EXPIRED, …) and who
     * issued it (the issuer name on the certificate, else the issuing organisation's name).
     */
    record CertificateFact(Certificate certificate, String status, String issuer) {}
}
