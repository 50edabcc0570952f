package vn.dongxanh.trace.growingarea;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import vn.dongxanh.trace.label.LabelFonts;
import vn.dongxanh.trace.report.ReportPdf;
import vn.dongxanh.trace.report.ReportPdf.Column;

/**
 * The register as a printable report (docs/register.md): the province and the day, the filters
 * applied, one row per code, the count and hectares. The rows are handed in as they are read, so
 * the register is read in chunks as for the CSV.
 */
@Component
class RegisterReport {
    private final LabelFonts fonts;
    private final GrowingAreaProperties areas;

    RegisterReport(LabelFonts fonts, GrowingAreaProperties areas) {
        this.fonts = fonts;
        this.areas = areas;
    }

    /** @param rows calls its argument with each row the filter keeps, in code order */
    byte[] pdf(CodeList.Filter filter, LocalDate asOf, Consumer<Consumer<CodeList.Row>> rows) {
        try (ReportPdf pdf = ReportPdf.start(
                fonts,
                true,
                "Sổ đăng ký mã số vùng trồng — " + areas.province().name(),
                "Nguồn: sổ đăng ký mã số vùng trồng của Đồng Xanh (GET /api/codes, docs/register.md), đọc khi lập"
                        + " báo cáo ngày " + asOf + "; diện tích là diện tích đo đạc của các thửa trong mã.")) {
            pdf.line("Tỉnh: " + areas.province().name() + " — lập ngày (as of) " + asOf);
            pdf.line("Bộ lọc: " + filters(filter));
            var table = pdf.table(List.of(
                    Column.text("Mã số vùng trồng", 11),
                    Column.text("Hợp tác xã", 20),
                    Column.text("Cây trồng", 9),
                    Column.text("Xã", 12),
                    Column.text("Trạng thái", 14),
                    Column.number("Diện tích (ha)", 8),
                    Column.text("Ngày cấp", 8.5f),
                    Column.text("Hạn rà soát", 8.5f),
                    Column.text("Chứng nhận đến", 9)));
            long[] count = {0};
            BigDecimal[] hectares = {BigDecimal.ZERO};
            rows.accept(r -> {
                table.row(
                        r.code(),
                        r.organisationName(),
                        r.crop(),
                        r.commune() == null ? "" : r.commune(),
                        r.status().printed(),
                        r.areaHa().stripTrailingZeros().toPlainString(),
                        text(r.issuedOn()),
                        text(r.reviewDueOn()),
                        text(r.certificateValidTo()));
                count[0]++;
                hectares[0] = hectares[0].add(r.areaHa());
            });
            pdf.line("Tổng: " + count[0] + " mã, "
                    + hectares[0].stripTrailingZeros().toPlainString() + " ha");
            return pdf.finish();
        }
    }

    /** The filters as a reader checks them: each one applied, or that the whole register is listed. */
    static String filters(CodeList.Filter f) {
        List<String> applied = new ArrayList<>();
        if (!f.statuses().isEmpty()) {
            applied.add("trạng thái "
                    + String.join(
                            ", ", f.statuses().stream().map(CodeStatus::printed).toList()));
        }
        f.crop().ifPresent(c -> applied.add("cây trồng " + c));
        f.cooperative().ifPresent(c -> applied.add("hợp tác xã " + c));
        f.commune().ifPresent(c -> applied.add("xã " + c));
        f.text().ifPresent(t -> applied.add("mã hoặc tên có \"" + t + "\""));
        f.certificateExpiringBy().ifPresent(d -> applied.add("chứng nhận hết hạn đến " + d));
        f.reviewDueBy().ifPresent(d -> applied.add("hạn rà soát đến " + d));
        return applied.isEmpty() ? "không (toàn bộ sổ)" : String.join("; ", applied);
    }

    private static String text(LocalDate d) {
        return d == null ? "" : d.toString();
    }
}
