package vn.dongxanh.trace.province;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import vn.dongxanh.trace.growingarea.CodeStatus;
import vn.dongxanh.trace.growingarea.GrowingAreaProperties;
import vn.dongxanh.trace.label.LabelFonts;
import vn.dongxanh.trace.report.ReportPdf;
import vn.dongxanh.trace.report.ReportPdf.Column;

/**
 * The province's figures as a printable report (docs/province-figures.md): each section of
 * {@link ProvinceFigures.Figures} as a table, and what could not be counted now, said as plainly.
 */
@Component
class FiguresReport {
    private final LabelFonts fonts;
    private final GrowingAreaProperties areas;

    FiguresReport(LabelFonts fonts, GrowingAreaProperties areas) {
        this.fonts = fonts;
        this.areas = areas;
    }

    byte[] pdf(ProvinceFigures.Figures f) {
        String province = areas.province().name();
        try (ReportPdf pdf = ReportPdf.start(
                fonts,
                false,
                "Số liệu tỉnh " + province,
                "Nguồn: số liệu tỉnh của Đồng Xanh (GET /api/province/figures, docs/province-figures.md), đếm từ sổ"
                        + " đăng ký, chứng nhận, lô hàng và kết quả rà soát ngày " + f.asOf()
                        + "; tưới tự động theo dữ liệu cảm biến của ingest-service.")) {
            pdf.line("Tỉnh: " + province + " — lập ngày (as of) " + f.asOf());

            pdf.heading("Mã số vùng trồng theo trạng thái và cây trồng");
            var codes = pdf.table(List.of(
                    Column.text("Trạng thái", 3),
                    Column.text("Cây trồng", 2),
                    Column.number("Số mã", 1),
                    Column.number("Diện tích (ha)", 1.5f)));
            long codeCount = 0;
            BigDecimal codeHa = BigDecimal.ZERO;
            for (var c : f.codes()) {
                codes.row(
                        CodeStatus.valueOf(c.status()).printed(),
                        c.crop(),
                        Long.toString(c.codes()),
                        plain(c.areaHa()));
                codeCount += c.codes();
                codeHa = codeHa.add(c.areaHa());
            }
            codes.row("Tổng", "", Long.toString(codeCount), plain(codeHa));

            pdf.heading("Sản phẩm được chứng nhận theo chương trình");
            var products = pdf.table(List.of(
                    Column.text("Chương trình", 2),
                    Column.text("Sao OCOP", 1),
                    Column.number("Số sản phẩm", 1.2f),
                    Column.text("GTIN", 4)));
            for (var p : f.certifiedProducts()) {
                products.row(
                        p.scheme(),
                        p.stars() == null ? "" : p.stars() + " sao",
                        Long.toString(p.products()),
                        String.join(" ", p.gtins()));
            }

            pdf.heading("Phát hiện của rà soát theo loại và mức độ");
            var findings = pdf.table(
                    List.of(Column.text("Loại", 4), Column.text("Mức độ", 1.5f), Column.number("Số phát hiện", 1.2f)));
            for (var x : f.findings()) findings.row(x.kind(), x.severity(), Long.toString(x.findings()));

            pdf.heading("Thu hoạch theo tháng (mười hai tháng gần nhất)");
            var harvests =
                    pdf.table(List.of(Column.text("Tháng", 2), Column.number("Số lô", 1), Column.number("Tấn", 1.5f)));
            for (var h : f.harvests()) harvests.row(h.month(), Long.toString(h.batches()), plain(h.tonnes()));

            var irrigation = f.automaticIrrigation();
            if (irrigation == null) {
                pdf.heading("Tưới tự động");
                pdf.line("Không đếm được lúc lập báo cáo (xem mục Chưa kiểm tra được).");
            } else {
                pdf.heading("Tưới tự động mùa này (" + irrigation.seasonFrom() + " – " + irrigation.seasonTo()
                        + ") theo hợp tác xã");
                var coops = pdf.table(List.of(
                        Column.text("Hợp tác xã", 2),
                        Column.number("Số thửa", 1),
                        Column.number("Diện tích (ha)", 1.5f),
                        Column.text("Thửa", 4)));
                for (var c : irrigation.cooperatives()) {
                    coops.row(
                            c.cooperative(),
                            Long.toString(c.plots()),
                            plain(c.hectares()),
                            String.join(" ", c.plotIds()));
                }
                coops.row("Tổng", Long.toString(irrigation.plots()), plain(irrigation.hectares()), "");
            }

            pdf.heading("Theo xã");
            var communes = pdf.table(List.of(
                    Column.text("Xã", 3),
                    Column.number("Mã đã cấp", 1.2f),
                    Column.number("Diện tích (ha)", 1.5f),
                    Column.number("Số phát hiện", 1.2f)));
            for (var c : f.communes()) {
                communes.row(
                        c.commune() == null ? "(không ghi xã)" : c.commune(),
                        Long.toString(c.issuedCodes()),
                        plain(c.issuedAreaHa()),
                        Long.toString(c.findings()));
            }

            pdf.heading("Theo vụ");
            var seasons = pdf.table(List.of(
                    Column.text("Vụ", 2.5f),
                    Column.text("Từ – đến", 2.5f),
                    Column.number("Số lô", 1),
                    Column.number("Tấn", 1.2f),
                    Column.number("Mã cấp mới", 1.2f),
                    Column.number("Số phát hiện", 1.2f)));
            for (var x : f.seasons()) {
                seasons.row(
                        x.season(),
                        x.from() + " – " + x.to(),
                        Long.toString(x.batches()),
                        plain(x.tonnes()),
                        Long.toString(x.codesIssued()),
                        Long.toString(x.findings()));
            }

            pdf.heading("Chưa kiểm tra được");
            if (f.unchecked().isEmpty()) pdf.line("Không: mọi mục đã được đếm.");
            for (var u : f.unchecked()) {
                String kinds = u.kinds().stream().map(Enum::name).collect(Collectors.joining(", "));
                pdf.line("• " + (kinds.isEmpty() ? "" : kinds + ": ") + u.reason());
            }
            return pdf.finish();
        }
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }
}
