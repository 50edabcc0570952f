package vn.dongxanh.platform;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import vn.dongxanh.devkit.province.SeededProvince;

/**
 * The province's records in traceability-service, written through its API by the people whose
 * job each is: the department registers the organisations and issues each cooperative's
 * growing-area codes (one for its rice, one for its vegetables), the certification body issues
 * each cooperative a VietGAP certificate, and each cooperative's manager maps its plots
 * (GeoJSON polygons of their area), applies for the codes, registers its products, declares a
 * rice batch and a vegetable batch (published: each has a public buyer page) and captures their
 * shipping as EPCIS events.
 *
 * <p>Idempotent: a province whose last batch answers at the resolver is seeded already and left
 * alone; otherwise every write is repeated, 409 (already there) counting as done and a code only
 * moved on when it is not issued yet.
 */
final class ProvinceSeed {
    /** A demo province's name, as traceability-service's plausibility box names it (docs/plots.md). */
    private static final String PROVINCE_NAME = "Đồng Tháp (demo)";
    /** Where the demo province lies (the Mekong delta), and the spacing of its plots. */
    private static final double WEST = 105.60;

    private static final double SOUTH = 10.45;
    private static final double COOPERATIVE_SPACING_DEG = 0.05;
    private static final double PLOT_SPACING_DEG = 0.002;
    private static final int PLOTS_PER_ROW = 4;
    private static final double METRES_PER_DEGREE = 111_320;
    /**
     * A mapped boundary runs along the bunds, so it encloses a little more than the cultivated area
     * (also keeping a one-hectare plot at or above a code's one-hectare minimum when measured).
     */
    private static final double BOUNDARY_PER_CULTIVATED_AREA = 1.02;
    /** The province number in its growing-area codes ({@code VN-{PP}-{NNNN}}; 87: Đồng Tháp). */
    private static final String PROVINCE_NUMBER = "87";
    /** GS1 Vietnam's prefix (893) and the demo company prefix of the cooperatives' GTINs. */
    private static final String GTIN_PREFIX = "893";
    /** Days before today: code applied, inspected, issued; certificate valid from; rice and vegetable harvests. */
    private static final int CODE_APPLIED_DAYS_AGO = 200;

    private static final int CODE_INSPECTED_DAYS_AGO = 190;
    private static final int CODE_ISSUED_DAYS_AGO = 180;
    private static final int CERTIFIED_DAYS_AGO = 150;
    private static final int CERTIFICATE_MONTHS = 24;
    private static final int RICE_HARVEST_DAYS_AGO = 20;
    private static final int VEGETABLE_HARVEST_DAYS_AGO = 2;
    private static final BigDecimal RICE_KG_PER_HA = new BigDecimal("6000");
    private static final BigDecimal VEGETABLE_KG_PER_HA = new BigDecimal("350");
    /** Trace's crop id of the simulated vegetables (leafy greens, the edge agent's {@code crop-group: leafy}). */
    static final String VEGETABLE_CROP = "leafy-greens";
    /** Who buys the demo lots (an organisation outside the platform, named in the shipping events). */
    private static final String BUYER = "urn:dx:organisation:coopmart-demo";

    private final ApiClient trace;
    /** Where buyers reach the lots (traceability-service's public URL: the web's origin in a run). */
    private final String publicUrl;

    /**
     * traceability-service's province box (docs/plots.md) around where this seed lays the plots of
     * {@code plan}, and the plots of the generated province (null: none), as its environment: the
     * demo province is not the service's default province.
     */
    static Map<String, String> provinceBox(ProvincePlan plan, SeededProvince generated) {
        int rows = plan.fields().stream().mapToInt(f -> f.plots().size()).max().orElse(1) / PLOTS_PER_ROW + 1;
        double west = WEST, south = SOUTH;
        double east = WEST + plan.cooperatives().size() * COOPERATIVE_SPACING_DEG + PLOTS_PER_ROW * PLOT_SPACING_DEG;
        double north = SOUTH + rows * PLOT_SPACING_DEG + PLOT_SPACING_DEG;
        if (generated != null) {
            double[] box = generated.box();
            west = Math.min(west, box[0]);
            south = Math.min(south, box[1]);
            east = Math.max(east, box[2]);
            north = Math.max(north, box[3]);
        }
        return Map.of(
                "DX_TRACE_CODES_PROVINCE_NAME", PROVINCE_NAME,
                "DX_TRACE_CODES_PROVINCE_WEST", Double.toString(west),
                "DX_TRACE_CODES_PROVINCE_SOUTH", Double.toString(south),
                "DX_TRACE_CODES_PROVINCE_EAST", Double.toString(east),
                "DX_TRACE_CODES_PROVINCE_NORTH", Double.toString(north));
    }

    ProvinceSeed(String traceUrl, String publicUrl) {
        this.publicUrl = publicUrl;
        this.trace = new ApiClient(traceUrl);
    }

    /** One published batch of the province: its product, lot and cooperative. */
    record Lot(String cooperative, String gtin, String lot, String crop, LocalDate harvest, BigDecimal kg) {
        /** The lot's GS1 Digital Link path, which the resolver answers. */
        String digitalLinkPath() {
            return "/01/" + gtin + "/10/" + lot;
        }
    }

    /** The batches the seed declares, rice then vegetables per cooperative: pure, for tests and the buyer page. */
    static List<Lot> lots(ProvincePlan province) {
        var lots = new ArrayList<Lot>();
        int c = 0;
        for (var coop : province.cooperatives()) {
            c++;
            for (boolean rice : new boolean[] {true, false}) {
                var plots = coop.field().plots().stream()
                        .filter(p -> p.rice() == rice)
                        .toList();
                if (plots.isEmpty()) continue;
                LocalDate harvest =
                        province.today().minusDays(rice ? RICE_HARVEST_DAYS_AGO : VEGETABLE_HARVEST_DAYS_AGO);
                BigDecimal area = plots.stream()
                        .map(p -> BigDecimal.valueOf(p.areaHa()))
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                lots.add(new Lot(
                        coop.id(),
                        gtin(c, rice),
                        "L" + harvest.format(DateTimeFormatter.BASIC_ISO_DATE) + "-" + c + (rice ? "R" : "V"),
                        rice ? "rice" : VEGETABLE_CROP,
                        harvest,
                        area.multiply(rice ? RICE_KG_PER_HA : VEGETABLE_KG_PER_HA)));
            }
        }
        return lots;
    }

    /** The growing-area code of a cooperative's rice or vegetables: VN-87-0011, VN-87-0012, VN-87-0021, … */
    static String code(int cooperativeNumber, boolean rice) {
        return "VN-" + PROVINCE_NUMBER + "-" + String.format("%03d", cooperativeNumber) + (rice ? "1" : "2");
    }

    /** A GTIN-14 of a cooperative's rice or vegetables, with its GS1 check digit. */
    static String gtin(int cooperativeNumber, boolean rice) {
        String body = "0" + GTIN_PREFIX + String.format("%05d", 10_000 + cooperativeNumber) + "000" + (rice ? 1 : 2);
        return body + checkDigit(body);
    }

    /** GS1's mod-10 check digit of the digits before it (weights 3 and 1 from the right). */
    static int checkDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            sum += (i % 2 == 0) ? 3 * d : d;
        }
        return (10 - sum % 10) % 10;
    }

    /** A square of {@code areaHa} with its south-west corner at (lon, lat), as a GeoJSON polygon. */
    static Map<String, Object> square(double lon, double lat, double areaHa) {
        double sideM = Math.sqrt(areaHa * 10_000);
        double dLat = sideM / METRES_PER_DEGREE;
        double dLon = sideM / (METRES_PER_DEGREE * Math.cos(Math.toRadians(lat)));
        var ring = List.of(
                List.of(lon, lat),
                List.of(lon + dLon, lat),
                List.of(lon + dLon, lat + dLat),
                List.of(lon, lat + dLat),
                List.of(lon, lat));
        return Map.of("type", "Polygon", "coordinates", List.of(ring));
    }

    /** Whether the province's last batch is published already (a previous seeding finished). */
    boolean seeded(ProvincePlan province) throws IOException, InterruptedException {
        var lots = lots(province);
        return !lots.isEmpty()
                && trace.get(lots.getLast().digitalLinkPath(), null).status() == 200;
    }

    /**
     * Seeds the province (unless it is seeded already) and returns the URL of the first lot's
     * buyer page.
     */
    String apply(ProvincePlan province, SeedPeople people) throws IOException, InterruptedException {
        return apply(province, people, false);
    }

    /** As {@link #apply(ProvincePlan, SeedPeople)}; {@code repeat}: every write again even when seeded (tests). */
    String apply(ProvincePlan province, SeedPeople people, boolean repeat) throws IOException, InterruptedException {
        var lots = lots(province);
        if (repeat || !seeded(province)) {
            String department = people.department();
            trace.create(
                    "/api/organisations",
                    Map.of("id", IdentitySeed.DEPARTMENT, "kind", "DEPARTMENT", "name", "Sở Nông nghiệp và Môi trường"),
                    department);
            trace.create(
                    "/api/organisations",
                    Map.of(
                            "id",
                            IdentitySeed.CERTIFICATION_BODY,
                            "kind",
                            "CERTIFICATION_BODY",
                            "name",
                            "Tổ chức chứng nhận VietGAP"),
                    department);
            int c = 0;
            for (var coop : province.cooperatives()) {
                seedCooperative(
                        ++c,
                        coop,
                        province.today(),
                        lots.stream()
                                .filter(l -> l.cooperative().equals(coop.id()))
                                .toList(),
                        people);
            }
        }
        return publicUrl + lots.getFirst().digitalLinkPath();
    }

    private void seedCooperative(
            int number, ProvincePlan.Cooperative coop, LocalDate today, List<Lot> lots, SeedPeople people)
            throws IOException, InterruptedException {
        String department = people.department();
        String manager = people.managerOf(coop.id());
        trace.create(
                "/api/organisations", Map.of("id", coop.id(), "kind", "COOPERATIVE", "name", coop.name()), department);
        var plots = coop.field().plots();
        for (int i = 0; i < plots.size(); i++) {
            var p = plots.get(i);
            double lon = WEST + (number - 1) * COOPERATIVE_SPACING_DEG + (i % PLOTS_PER_ROW) * PLOT_SPACING_DEG;
            double lat = SOUTH + (i / PLOTS_PER_ROW) * PLOT_SPACING_DEG;
            trace.create(
                    "/api/plots",
                    Map.of(
                            "id",
                            p.id(),
                            "name",
                            "Ruộng " + p.id(),
                            "crop",
                            p.rice() ? "rice" : VEGETABLE_CROP,
                            "declaredAreaHa",
                            p.areaHa(),
                            "geometry",
                            square(lon, lat, p.areaHa() * BOUNDARY_PER_CULTIVATED_AREA)),
                    manager);
        }
        // the certification body's VietGAP certificate over all the cooperative's crops and plots
        LocalDate certified = today.minusDays(CERTIFIED_DAYS_AGO);
        var certificate = trace.create(
                "/api/certificates",
                Map.of(
                        "scheme", "VIETGAP",
                        "number", "VietGAP-TT-12-03-" + PROVINCE_NUMBER + "-" + String.format("%04d", number),
                        "holderId", coop.id(),
                        "issuerName", "Tổ chức chứng nhận VietGAP (demo)",
                        "validFrom", certified.toString(),
                        "validTo",
                                certified
                                        .plusMonths(CERTIFICATE_MONTHS)
                                        .minusDays(1)
                                        .toString(),
                        "crops", List.of("rice", VEGETABLE_CROP),
                        "plots", plots.stream().map(FieldPlan.Plot::id).toList()),
                people.certificationBody());
        // the certificate id, to claim in the batches (unknown when an earlier seeding made it)
        List<Long> claimed =
                certificate.created() ? List.of(certificate.json().path("id").asLong()) : List.of();
        for (Lot lot : lots) {
            boolean rice = lot.crop().equals("rice");
            String code = code(number, rice);
            var codePlots = plots.stream()
                    .filter(p -> p.rice() == rice)
                    .map(FieldPlan.Plot::id)
                    .toList();
            trace.create(
                    "/api/codes",
                    Map.of(
                            "code",
                            code,
                            "crop",
                            lot.crop(),
                            "plotIds",
                            codePlots,
                            "applicationDate",
                            today.minusDays(CODE_APPLIED_DAYS_AGO).toString()),
                    manager);
            String status = trace.get("/api/codes/" + code, department)
                    .json()
                    .path("status")
                    .asString("");
            if (!status.equals("ISSUED")) {
                for (var step : List.of(
                        Map.entry("UNDER_INSPECTION", CODE_INSPECTED_DAYS_AGO),
                        Map.entry("ISSUED", CODE_ISSUED_DAYS_AGO))) {
                    if (status.equals("UNDER_INSPECTION") && step.getKey().equals("UNDER_INSPECTION")) continue;
                    var moved = trace.post(
                            "/api/codes/" + code + "/status",
                            Map.of(
                                    "status", step.getKey(),
                                    "reason", "demo province: plots inspected",
                                    "effectiveDate",
                                            today.minusDays(step.getValue()).toString()),
                            department);
                    if (!moved.created()) {
                        throw new IllegalStateException(
                                "code " + code + " → " + step.getKey() + ": " + moved.status() + " " + moved.body());
                    }
                }
            }
            trace.create(
                    "/api/products",
                    Map.of(
                            "gtin",
                            lot.gtin(),
                            "name",
                            (rice ? "Gạo " : "Rau ăn lá ") + coop.name(),
                            "crop",
                            lot.crop()),
                    manager);
            var batch = new LinkedHashMap<String, Object>();
            batch.put("gtin", lot.gtin());
            batch.put("lot", lot.lot());
            batch.put("code", code);
            batch.put("harvestDate", lot.harvest().toString());
            batch.put("quantityKg", lot.kg());
            batch.put("certificateIds", claimed);
            trace.create("/api/batches", batch, manager);
            capture(lot, manager);
        }
    }

    /**
     * The lot's shipping to the buyer, as an EPCIS 2.0 ObjectEvent (its harvest is captured by
     * traceability-service itself when the batch is declared). The event id is derived from the
     * lot, so capturing it again is a duplicate, not a second shipment.
     */
    private void capture(Lot lot, String manager) throws IOException, InterruptedException {
        String epc = "https://id.gs1.org/01/" + lot.gtin() + "/10/" + lot.lot();
        String shipped = lot.harvest()
                .plusDays(1)
                .atTime(7, 30)
                .atZone(FieldPlan.ZONE)
                .toInstant()
                .toString();
        var event = new LinkedHashMap<String, Object>();
        event.put("type", "ObjectEvent");
        event.put(
                "eventID", "urn:uuid:" + UUID.nameUUIDFromBytes(("shipping " + epc).getBytes(StandardCharsets.UTF_8)));
        event.put("eventTime", shipped);
        event.put("eventTimeZoneOffset", "+07:00");
        event.put("epcList", List.of());
        event.put("quantityList", List.of(Map.of("epcClass", epc, "quantity", lot.kg(), "uom", "KGM")));
        event.put("action", "OBSERVE");
        event.put("bizStep", "shipping");
        event.put("disposition", "in_transit");
        event.put(
                "bizTransactionList",
                List.of(Map.of(
                        "type", "desadv", "bizTransaction", "urn:dx:desadv:" + lot.cooperative() + ":" + lot.lot())));
        event.put(
                "sourceList",
                List.of(Map.of("type", "owning_party", "source", "urn:dx:organisation:" + lot.cooperative())));
        event.put("destinationList", List.of(Map.of("type", "owning_party", "destination", BUYER)));
        var document = Map.of(
                "@context",
                List.of("https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"),
                "type",
                "EPCISDocument",
                "schemaVersion",
                "2.0",
                "creationDate",
                shipped,
                "epcisBody",
                Map.of("eventList", List.of(event)));
        var r = trace.post("/api/epcis/capture", document, manager);
        if (r.status() != 202) { // EPCIS 2.0 REST binding: accepted, with the capture job (done by then)
            throw new IllegalStateException("capturing the shipping of " + epc + ": " + r.status() + " " + r.body());
        }
    }
}
