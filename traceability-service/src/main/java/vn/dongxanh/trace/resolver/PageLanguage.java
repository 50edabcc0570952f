package vn.dongxanh.trace.resolver;

import java.util.Locale;
import java.util.Map;

/** The languages of the buyer page: Vietnamese by default, English with {@code ?lang=en}. */
enum PageLanguage {
    VI(
            "vi",
            Map.ofEntries(
                    Map.entry("title", "Truy xuất nguồn gốc"),
                    Map.entry("irrigation", "Tưới nước"),
                    Map.entry("noIrrigation", "Chưa có tóm tắt tưới cho vụ này."),
                    Map.entry("season", "Vụ"),
                    Map.entry("daysIrrigated", "Số ngày có tưới"),
                    Map.entry("water", "Lượng nước"),
                    Map.entry("flow_meter", "đo bằng đồng hồ nước"),
                    Map.entry("valve_time", "ước theo thời gian mở van"),
                    Map.entry("none", "không đo được"),
                    Map.entry("sensorCoverage", "Độ phủ dữ liệu cảm biến"),
                    Map.entry("alarms", "Cảnh báo"),
                    Map.entry("plot", "Thửa"),
                    Map.entry("product", "Sản phẩm"),
                    Map.entry("gtin", "Mã GTIN"),
                    Map.entry("lot", "Số lô"),
                    Map.entry("crop", "Cây trồng"),
                    Map.entry("harvestDate", "Ngày thu hoạch"),
                    Map.entry("quantity", "Khối lượng"),
                    Map.entry("cooperative", "Hợp tác xã"),
                    Map.entry("area", "Vùng trồng"),
                    Map.entry("code", "Mã số vùng trồng"),
                    Map.entry("statusNow", "Trạng thái hiện tại"),
                    Map.entry("statusAtHarvest", "Trạng thái ngày thu hoạch"),
                    Map.entry("plots", "Thửa"),
                    Map.entry("certificates", "Chứng nhận"),
                    Map.entry("noCertificates", "Lô này không khai báo chứng nhận."),
                    Map.entry("validity", "Hiệu lực"),
                    Map.entry("issuer", "Tổ chức cấp"),
                    Map.entry("stars", "Số sao OCOP"),
                    Map.entry("ledger", "Sổ cái (blockchain)"),
                    Map.entry("ledgerStatus", "Trạng thái ghi sổ"),
                    Map.entry("root", "Gốc Merkle"),
                    Map.entry("tx", "Mã giao dịch"),
                    Map.entry("block", "Khối"),
                    Map.entry("proof", "Bằng chứng (JSON)"),
                    Map.entry("verification", "Kiểm tra lại (JSON)"),
                    Map.entry("events", "Sự kiện EPCIS"),
                    Map.entry("data", "Dữ liệu JSON-LD"),
                    Map.entry("switch", "English"),
                    Map.entry("notFound", "Không tìm thấy lô này."),
                    Map.entry("asOf", "Tính đến ngày"),
                    Map.entry("unknown", "không rõ"),
                    Map.entry("APPLIED", "Đã nộp hồ sơ"),
                    Map.entry("UNDER_INSPECTION", "Đang thẩm định"),
                    Map.entry("ISSUED", "Đã cấp mã"),
                    Map.entry("SUSPENDED", "Tạm đình chỉ"),
                    Map.entry("REVOKED", "Đã thu hồi"),
                    Map.entry("REJECTED", "Bị từ chối"),
                    Map.entry("EXPIRED", "Hết hiệu lực"),
                    Map.entry("VALID", "Còn hiệu lực"),
                    Map.entry("EXPIRING", "Sắp hết hạn"),
                    Map.entry("NOT_YET_VALID", "Chưa có hiệu lực"),
                    Map.entry("WITHDRAWN", "Đã thu hồi"),
                    Map.entry("PENDING", "Đang chờ ghi sổ cái"),
                    Map.entry("ANCHORED", "Đã ghi lên sổ cái"),
                    Map.entry("CONFIRMED", "Đã xác nhận trên sổ cái"),
                    Map.entry("REANCHORING", "Đang ghi lại lên sổ cái"))),
    EN(
            "en",
            Map.ofEntries(
                    Map.entry("title", "Traceability"),
                    Map.entry("irrigation", "Irrigation"),
                    Map.entry("noIrrigation", "No irrigation summary for this season yet."),
                    Map.entry("season", "Season"),
                    Map.entry("daysIrrigated", "Days irrigated"),
                    Map.entry("water", "Water used"),
                    Map.entry("flow_meter", "measured by flow meter"),
                    Map.entry("valve_time", "estimated from valve time"),
                    Map.entry("none", "not measured"),
                    Map.entry("sensorCoverage", "Sensor data coverage"),
                    Map.entry("alarms", "Alarms"),
                    Map.entry("plot", "Plot"),
                    Map.entry("product", "Product"),
                    Map.entry("gtin", "GTIN"),
                    Map.entry("lot", "Lot"),
                    Map.entry("crop", "Crop"),
                    Map.entry("harvestDate", "Harvest date"),
                    Map.entry("quantity", "Quantity"),
                    Map.entry("cooperative", "Cooperative"),
                    Map.entry("area", "Growing area"),
                    Map.entry("code", "Growing-area code"),
                    Map.entry("statusNow", "Current status"),
                    Map.entry("statusAtHarvest", "Status on harvest date"),
                    Map.entry("plots", "Plots"),
                    Map.entry("certificates", "Certificates"),
                    Map.entry("noCertificates", "This lot claims no certificate."),
                    Map.entry("validity", "Valid"),
                    Map.entry("issuer", "Issued by"),
                    Map.entry("stars", "OCOP stars"),
                    Map.entry("ledger", "Ledger (blockchain)"),
                    Map.entry("ledgerStatus", "Ledger status"),
                    Map.entry("root", "Merkle root"),
                    Map.entry("tx", "Transaction"),
                    Map.entry("block", "Block"),
                    Map.entry("proof", "Proof (JSON)"),
                    Map.entry("verification", "Check again (JSON)"),
                    Map.entry("events", "EPCIS events"),
                    Map.entry("data", "JSON-LD data"),
                    Map.entry("switch", "Tiếng Việt"),
                    Map.entry("notFound", "No such lot."),
                    Map.entry("asOf", "As of"),
                    Map.entry("unknown", "unknown"),
                    Map.entry("APPLIED", "Applied"),
                    Map.entry("UNDER_INSPECTION", "Under inspection"),
                    Map.entry("ISSUED", "Issued"),
                    Map.entry("SUSPENDED", "Suspended"),
                    Map.entry("REVOKED", "Revoked"),
                    Map.entry("REJECTED", "Rejected"),
                    Map.entry("EXPIRED", "Expired"),
                    Map.entry("VALID", "Valid"),
                    Map.entry("EXPIRING", "Expiring soon"),
                    Map.entry("NOT_YET_VALID", "Not yet valid"),
                    Map.entry("WITHDRAWN", "Withdrawn"),
                    Map.entry("PENDING", "Waiting for the ledger"),
                    Map.entry("ANCHORED", "Anchored on the ledger"),
                    Map.entry("CONFIRMED", "Confirmed on the ledger"),
                    Map.entry("REANCHORING", "Being anchored again")));

    private final String tag;
    private final Map<String, String> labels;

    PageLanguage(String tag, Map<String, String> labels) {
        this.tag = tag;
        this.labels = labels;
    }

    String tag() {
        return tag;
    }

    /** The other language, for the switch link. */
    PageLanguage other() {
        return this == VI ? EN : VI;
    }

    /** A label or a status word; an unknown key shows as itself rather than failing the page. */
    String label(String key) {
        return labels.getOrDefault(key, key);
    }

    /** {@code ?lang=en} (any case, or a tag such as en-US) gives English; anything else Vietnamese. */
    static PageLanguage of(String lang) {
        return lang != null && lang.toLowerCase(Locale.ROOT).startsWith("en") ? EN : VI;
    }
}
