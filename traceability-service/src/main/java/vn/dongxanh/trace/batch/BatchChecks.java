package vn.dongxanh.trace.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.dongxanh.trace.batch.BatchCheck.Outcome;
import vn.dongxanh.trace.certificate.Certificate;
import vn.dongxanh.trace.certificate.CertificateService;
import vn.dongxanh.trace.certificate.Scheme;
import vn.dongxanh.trace.diary.DiaryService;
import vn.dongxanh.trace.growingarea.CodeRegister;
import vn.dongxanh.trace.growingarea.CodeStatus;
import vn.dongxanh.trace.growingarea.GrowingAreaCode;
import vn.dongxanh.trace.growingarea.Plot;
import vn.dongxanh.trace.growingarea.PlotService;
import vn.dongxanh.trace.gs1.Gs1;
import vn.dongxanh.trace.web.Refusal;

/**
 * The rules a new batch must pass (DOMAIN.md §3–§5): the code ISSUED on the harvest date, claimed
 * certificates in force and covering the batch, every pesticide's pre-harvest interval run out on
 * its plots, and the declaration itself well formed. The one copy of these rules: creation refuses
 * with the first failure in this order, the preview lists them all. Reads only, so the preview
 * stores nothing.
 */
@Component
public class BatchChecks {
    private final JdbcClient jdbc;
    private final CodeRegister codes;
    private final PlotService plots;
    private final CertificateService certificates;
    private final DiaryService diary;
    private final BatchProperties props;

    public BatchChecks(
            JdbcClient jdbc,
            CodeRegister codes,
            PlotService plots,
            CertificateService certificates,
            DiaryService diary,
            BatchProperties props) {
        this.jdbc = jdbc;
        this.codes = codes;
        this.plots = plots;
        this.certificates = certificates;
        this.diary = diary;
        this.props = props;
    }

    /**
     * What the checks found, and what creation takes from them when all passed.
     *
     * @param gtin14 the GTIN as GTIN-14 (null when malformed)
     * @param code the growing-area code (null when unknown)
     * @param plots the batch's plots: those declared, or every plot of the code
     * @param certificates the claimed certificates, without repeats
     */
    public record Evaluation(
            List<BatchCheck> checks, String gtin14, GrowingAreaCode code, List<String> plots, List<Long> certificates) {
        public Evaluation {
            checks = List.copyOf(checks);
        }

        public boolean passed() {
            return checks.stream().noneMatch(c -> c.outcome() == Outcome.FAIL);
        }

        public Optional<BatchCheck> firstFailure() {
            return checks.stream().filter(c -> c.outcome() == Outcome.FAIL).findFirst();
        }
    }

    /** The refusal creation answers for a failed check: 400 for a missing field, 409 for a lot taken, else 422. */
    public static Refusal refusal(BatchCheck failed) {
        return switch (failed.rule()) {
            case "bad-request" -> Refusal.badRequest(failed.message());
            case "duplicate" -> Refusal.conflict("duplicate", failed.message());
            default -> Refusal.rule(failed.rule(), failed.message());
        };
    }

    /** Applies every rule to the batch a cooperative declares; stores nothing. */
    public Evaluation evaluate(String organisation, BatchService.NewBatch b) {
        Run run = new Run();

        boolean dated = b.harvestDate() != null;
        if (dated && b.quantityKg() != null && b.quantityKg().signum() > 0) {
            run.pass("request", "bad-request", null, "harvest date and a positive quantity are given");
        } else {
            run.fail("request", "bad-request", null, "harvestDate and a positive quantityKg are required");
        }
        if (!dated) {
            run.notRun("harvest-date", "harvest-date", null, "no harvest date");
        } else if (b.harvestDate().isAfter(codes.today())) {
            run.fail("harvest-date", "harvest-date", null, "harvest date " + b.harvestDate() + " is in the future");
        } else {
            run.pass("harvest-date", "harvest-date", null, "harvest date " + b.harvestDate() + " is not in the future");
        }

        // the product
        String gtin = null;
        try {
            gtin = Gs1.gtin14(b.gtin());
            run.pass("product", "gtin", null, "GTIN " + gtin + " is well formed");
        } catch (IllegalArgumentException e) {
            run.fail("product", "gtin", null, e.getMessage());
        }
        Map<String, Object> product = null;
        if (gtin == null) {
            run.notRun("product", "unknown-product", null, "no well-formed GTIN");
        } else {
            product =
                    jdbc
                            .sql("select owner_id, crop, name from product where gtin = ?")
                            .param(gtin)
                            .query()
                            .listOfRows()
                            .stream()
                            .findFirst()
                            .orElse(null);
            if (product == null) {
                run.fail("product", "unknown-product", null, "GTIN " + gtin + " is not registered");
            } else {
                run.pass("product", "unknown-product", null, "GTIN " + gtin + " is " + product.get("name"));
            }
        }
        if (product == null) {
            run.notRun("product", "product-not-owned", null, "no registered product");
        } else if (!organisation.equals(product.get("owner_id"))) {
            run.fail("product", "product-not-owned", null, "GTIN " + gtin + " belongs to " + product.get("owner_id"));
        } else {
            run.pass("product", "product-not-owned", null, "GTIN " + gtin + " is your cooperative's product");
        }
        boolean lotWellFormed =
                b.lot() != null && props.lotPattern().matcher(b.lot()).matches();
        if (lotWellFormed) {
            run.pass(
                    "lot",
                    "lot-format",
                    null,
                    "lot " + b.lot() + " is of the form " + props.lotPattern().pattern());
        } else {
            run.fail(
                    "lot",
                    "lot-format",
                    null,
                    "lot '" + b.lot() + "' is not of the form "
                            + props.lotPattern().pattern());
        }

        // the growing-area code
        GrowingAreaCode code = codes.find(b.code() == null ? "" : b.code()).orElse(null);
        if (code == null) {
            run.fail("code", "unknown-code", null, "no growing-area code " + b.code());
            run.notRun("code", "code-not-owned", null, "no such code");
            run.notRun("code", "code-not-issued", null, "no such code");
        } else {
            run.pass("code", "unknown-code", null, "growing-area code " + code.code() + " is registered");
            if (!code.organisationId().equals(organisation)) {
                run.fail(
                        "code", "code-not-owned", null, "code " + code.code() + " belongs to " + code.organisationId());
            } else {
                run.pass("code", "code-not-owned", null, "code " + code.code() + " is your cooperative's");
            }
            if (!dated) {
                run.notRun("code", "code-not-issued", null, "no harvest date");
            } else {
                Optional<CodeStatus> onHarvest = codes.statusOn(code.code(), b.harvestDate());
                if (onHarvest.orElse(null) != CodeStatus.ISSUED) {
                    run.fail(
                            "code",
                            "code-not-issued",
                            null,
                            "code " + code.code() + " was "
                                    + onHarvest.map(Enum::name).orElse("not yet applied for")
                                    + " on the harvest date " + b.harvestDate() + "; a batch needs it ISSUED");
                } else {
                    run.pass(
                            "code",
                            "code-not-issued",
                            null,
                            "code " + code.code() + " was ISSUED on the harvest date " + b.harvestDate());
                }
            }
        }
        if (code == null || product == null) {
            run.notRun("code", "crop-mismatch", null, code == null ? "no such code" : "no registered product");
        } else if (!code.crop().equals(product.get("crop"))) {
            run.fail(
                    "code",
                    "crop-mismatch",
                    null,
                    "code " + code.code() + " is for " + code.crop() + ", GTIN " + gtin + " is " + product.get("crop"));
        } else {
            run.pass("code", "crop-mismatch", null, "code and product are both " + code.crop());
        }

        // the plots
        List<String> batchPlots = List.of();
        if (code == null) {
            run.notRun("plots", "plot-not-in-code", null, "no such code");
        } else {
            List<String> codePlots =
                    plots.ofCode(code.code()).stream().map(Plot::id).toList();
            batchPlots = b.plotIds() == null || b.plotIds().isEmpty()
                    ? codePlots
                    : b.plotIds().stream().distinct().toList();
            Optional<String> foreign =
                    batchPlots.stream().filter(p -> !codePlots.contains(p)).findFirst();
            if (foreign.isPresent()) {
                run.fail(
                        "plots",
                        "plot-not-in-code",
                        null,
                        "plot " + foreign.get() + " is not a plot of code " + code.code());
                batchPlots = List.of(); // the later checks are of a batch's real plots only
            } else {
                run.pass("plots", "plot-not-in-code", null, "plots " + batchPlots + " are of code " + code.code());
            }
        }

        // the certificates claimed
        List<Long> claimed = b.certificateIds() == null
                ? List.of()
                : b.certificateIds().stream().distinct().toList();
        if (claimed.isEmpty()) {
            run.pass("certificate", "certificate-not-valid", null, "no certificate claimed: the label shows none");
        }
        for (long id : claimed) {
            checkCertificate(run, id, organisation, gtin, product, code, batchPlots, b.harvestDate());
        }

        // pre-harvest intervals on the batch's plots
        if (!dated || batchPlots.isEmpty()) {
            run.notRun(
                    "pre-harvest-interval",
                    "pre-harvest-interval",
                    null,
                    !dated ? "no harvest date" : "no plots of the code to check");
        } else {
            List<DiaryService.Application> unexpired = diary.unexpiredOn(batchPlots, b.harvestDate());
            if (unexpired.isEmpty()) {
                run.pass(
                        "pre-harvest-interval",
                        "pre-harvest-interval",
                        null,
                        "every pesticide's pre-harvest interval on " + batchPlots + " ran out by " + b.harvestDate());
            } else {
                DiaryService.Application a = unexpired.getFirst();
                run.fail(
                        "pre-harvest-interval",
                        "pre-harvest-interval",
                        null,
                        "plot " + a.plotId() + ": " + a.productName()
                                + (a.activeIngredients() == null ? "" : " (" + a.activeIngredients() + ")")
                                + " applied on " + a.date() + " with a pre-harvest interval of " + a.phiDays()
                                + " days; harvest allowed from " + a.harvestAllowedFrom() + ", not "
                                + b.harvestDate()
                                + (unexpired.size() > 1 ? " (and " + (unexpired.size() - 1) + " more)" : ""));
            }
        }

        // the lot is still free (creation also relies on the unique key, for two creations at once)
        if (gtin == null || !lotWellFormed) {
            run.notRun("lot", "duplicate", null, gtin == null ? "no well-formed GTIN" : "no well-formed lot");
        } else if (jdbc.sql("select count(*) from batch where gtin = ? and lot = ?")
                        .params(gtin, b.lot())
                        .query(Long.class)
                        .single()
                > 0) {
            run.fail("lot", "duplicate", null, "lot " + b.lot() + " of GTIN " + gtin + " exists");
        } else {
            run.pass("lot", "duplicate", null, "lot " + b.lot() + " of GTIN " + gtin + " is not taken");
        }

        return new Evaluation(run.checks, gtin, code, batchPlots, claimed);
    }

    /** A claimed certificate: in force on the harvest date, held by the cooperative, covering the batch. */
    private void checkCertificate(
            Run run,
            long id,
            String org,
            String gtin,
            Map<String, Object> product,
            GrowingAreaCode code,
            List<String> batchPlots,
            java.time.LocalDate harvest) {
        String subject = Long.toString(id);
        Optional<Certificate> found = certificates.find(id);
        if (found.isEmpty()) {
            run.fail("certificate", "unknown-certificate", subject, "no certificate " + id);
            run.notRun("certificate", "certificate-not-valid", subject, "no such certificate");
            run.notRun("certificate", "certificate-scope", subject, "no such certificate");
            return;
        }
        Certificate c = found.get();
        String name = c.scheme() + " " + c.number();
        run.pass("certificate", "unknown-certificate", subject, name + " is registered");
        if (harvest == null) {
            run.notRun("certificate", "certificate-not-valid", subject, "no harvest date");
        } else if (!c.validOn(harvest)) {
            run.fail(
                    "certificate",
                    "certificate-not-valid",
                    subject,
                    name + " was not in force on the harvest date " + harvest + " ("
                            + (c.state().equals("ACTIVE") ? "valid " + c.validFrom() + " to " + c.validTo() : c.state())
                            + ")");
        } else {
            run.pass(
                    "certificate",
                    "certificate-not-valid",
                    subject,
                    name + " was in force on the harvest date " + harvest + " (valid " + c.validFrom() + " to "
                            + c.validTo() + ")");
        }
        if (!c.holderId().equals(org)) {
            run.fail(
                    "certificate", "certificate-scope", subject, name + " is held by " + c.holderId() + ", not " + org);
        } else if (c.scheme() == Scheme.OCOP ? product == null : code == null) {
            run.notRun(
                    "certificate",
                    "certificate-scope",
                    subject,
                    c.scheme() == Scheme.OCOP ? "no registered product" : "no such code");
        } else {
            Optional<String> outOfScope = scopeProblem(c, name, gtin, code, batchPlots);
            if (outOfScope.isPresent()) {
                run.fail("certificate", "certificate-scope", subject, outOfScope.get());
            } else {
                run.pass("certificate", "certificate-scope", subject, name + " covers the batch");
            }
        }
    }

    /** Why a certificate of the cooperative does not cover the batch; empty when it does. */
    private static Optional<String> scopeProblem(
            Certificate c, String name, String gtin, GrowingAreaCode code, List<String> batchPlots) {
        if (c.scheme() == Scheme.OCOP) {
            return c.products().contains(gtin)
                    ? Optional.empty()
                    : Optional.of(name + " does not cover product " + gtin);
        }
        if (!c.crops().contains(code.crop())) {
            return Optional.of(name + " covers " + c.crops() + ", not " + code.crop());
        }
        return batchPlots.stream()
                .filter(plot -> !c.plots().isEmpty() && !c.plots().contains(plot))
                .findFirst()
                .map(plot -> name + " does not cover plot " + plot);
    }

    /** The checks of one evaluation, in the order creation applies them. */
    private static final class Run {
        private final List<BatchCheck> checks = new ArrayList<>();

        void pass(String check, String rule, String subject, String message) {
            checks.add(new BatchCheck(check, rule, subject, Outcome.PASS, message));
        }

        void fail(String check, String rule, String subject, String message) {
            checks.add(new BatchCheck(check, rule, subject, Outcome.FAIL, message));
        }

        void notRun(String check, String rule, String subject, String why) {
            checks.add(new BatchCheck(check, rule, subject, Outcome.NOT_RUN, why));
        }
    }
}
