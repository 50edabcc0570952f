package vn.dongxanh.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A province seeded through the service's own API, as a test needs it: organisations, 120 m
 * square plots near 14.95° N (1.44 ha, inside the default province), codes applied for and moved
 * through their statuses by the department, products, certificates and batches. Dates are days
 * before (or after) {@code today}; every call must succeed, or the test stops saying why.
 */
public final class TestProvince {
    public static final double LATITUDE = 14.95;
    public static final double PLOT_SIDE_M = 120;

    private final TestHttp http;
    private final LocalDate today;

    public TestProvince(TestHttp http, LocalDate today) {
        this.http = http;
        this.today = today;
    }

    private TestHttp.Response ok(TestHttp.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        return r;
    }

    /** Organisations given as {id, kind, name}, created by the department. */
    public void organisations(String[]... organisations) {
        for (String[] org : organisations) {
            ok(http.post("/api/organisations", Map.of("id", org[0], "kind", org[1], "name", org[2]), "dept"), 201);
        }
    }

    /** A square plot of the cooperative at this longitude. */
    public void plot(String cooperative, String id, String crop, double longitude) {
        ok(
                http.post(
                        "/api/plots",
                        Map.of(
                                "id",
                                id,
                                "name",
                                "Ruộng " + id,
                                "crop",
                                crop,
                                "geometry",
                                TestHttp.square(longitude, LATITUDE, PLOT_SIDE_M)),
                        cooperative),
                201);
    }

    /** An application for a code over the plots ({@code code} null: the register assigns it); the code. */
    public String apply(String cooperative, String code, String crop, List<String> plots, int daysAgo) {
        return apply(cooperative, code, crop, plots, daysAgo, null);
    }

    /** The same, naming the commune the code lies in. */
    public String apply(String cooperative, String code, String crop, List<String> plots, int daysAgo, String commune) {
        Map<String, Object> application = new LinkedHashMap<>();
        if (code != null) application.put("code", code);
        if (commune != null) application.put("commune", commune);
        application.put("crop", crop);
        application.put("plotIds", plots);
        application.put("applicationDate", today.minusDays(daysAgo).toString());
        return ok(http.post("/api/codes", application, cooperative), 201)
                .body()
                .get("code")
                .stringValue();
    }

    /** The department moves the code to a status, effective {@code daysAgo} days ago. */
    public void status(String code, String status, int daysAgo) {
        ok(
                http.post(
                        "/api/codes/" + code + "/status",
                        Map.of(
                                "status",
                                status,
                                "reason",
                                "inspection",
                                "effectiveDate",
                                today.minusDays(daysAgo).toString()),
                        "dept"),
                200);
    }

    /** Inspected five days before, then issued {@code daysAgo} days ago. */
    public void issue(String code, int daysAgo) {
        status(code, "UNDER_INSPECTION", daysAgo + 5);
        status(code, "ISSUED", daysAgo);
    }

    /** A plot and a code over it alone, applied for ten days before it is issued {@code daysAgo} days ago. */
    public String issuedCode(String cooperative, String plot, String code, String crop, double longitude, int daysAgo) {
        plot(cooperative, plot, crop, longitude);
        String assigned = apply(cooperative, code, crop, List.of(plot), daysAgo + 10);
        issue(assigned, daysAgo);
        return assigned;
    }

    public void product(String cooperative, String gtin14, String name, String crop) {
        ok(http.post("/api/products", Map.of("gtin", gtin14, "name", name, "crop", crop), cooperative), 201);
    }

    /** A VietGAP certificate for rice, issued by the test certification body; its id. */
    public long vietgap(String holder, String number, int validFromDaysAgo, int validToDaysAhead) {
        return ok(
                        http.post(
                                "/api/certificates",
                                Map.of(
                                        "scheme",
                                        "VIETGAP",
                                        "number",
                                        number,
                                        "holderId",
                                        holder,
                                        "validFrom",
                                        today.minusDays(validFromDaysAgo).toString(),
                                        "validTo",
                                        today.plusDays(validToDaysAhead).toString(),
                                        "crops",
                                        List.of("rice")),
                                "cb"),
                        201)
                .body()
                .get("id")
                .longValue();
    }

    /** A batch (published), harvested {@code harvestDaysAgo} days ago; its id. */
    public long batch(
            String cooperative,
            String gtin,
            String lot,
            String code,
            Number quantityKg,
            List<Long> certificates,
            int harvestDaysAgo) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("gtin", gtin);
        body.put("lot", lot);
        body.put("code", code);
        body.put("harvestDate", today.minusDays(harvestDaysAgo).toString());
        body.put("quantityKg", quantityKg);
        body.put("certificateIds", certificates);
        return ok(http.post("/api/batches", body, cooperative), 201)
                .body()
                .get("id")
                .longValue();
    }
}
