package vn.dongxanh.web.diary;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The "new diary entry" form as typed: strings, so that a refused form comes back as it was. The
 * body sent leaves out what is blank and lets the service judge the rest (its refusal is shown);
 * only a PHI that is not a whole number is caught here, since it could not be sent as one.
 */
public record DiaryForm(
        String date,
        String operation,
        String productName,
        String activeIngredients,
        String phiDays,
        String phiFromCropDefault,
        String dosePerHa,
        String quantity,
        String target,
        String operator,
        String source,
        String notes) {

    /** An empty form dated {@code today}. */
    public static DiaryForm on(String today) {
        return new DiaryForm(today, "", "", "", "", null, "", "", "", "", "", "");
    }

    /** The service's body; {@link NumberFormatException} when the PHI is not a whole number of days. */
    Map<String, Object> toBody() {
        var body = new LinkedHashMap<String, Object>();
        put(body, "date", date);
        put(body, "operation", operation);
        put(body, "productName", productName);
        put(body, "activeIngredients", activeIngredients);
        if (!blank(phiDays)) body.put("phiDays", Integer.valueOf(phiDays.strip()));
        if (cropDefault()) body.put("phiFromCropDefault", true);
        put(body, "dosePerHa", dosePerHa);
        put(body, "quantity", quantity);
        put(body, "target", target);
        put(body, "operator", operator);
        put(body, "source", source);
        put(body, "notes", notes);
        return body;
    }

    /** The check box "the label's PHI is not known: use the crop's default". */
    public boolean cropDefault() {
        return phiFromCropDefault != null && !phiFromCropDefault.isBlank();
    }

    public String value(String s) {
        return s == null ? "" : s;
    }

    private static void put(Map<String, Object> body, String name, String value) {
        if (!blank(value)) body.put(name, value.strip());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
