package vn.dongxanh.trace.growingarea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.trace.TestHttp;
import vn.dongxanh.trace.TestProperties;
import vn.dongxanh.trace.ledger.TestChain;

/**
 * Plots that make sense: the surveyed area is the geodesic area on WGS 84 (checked against figures
 * derived here from the ellipsoid's own formulas, not from GeographicLib), a plot too large or far
 * outside the province is refused naming the field, and a declared area beyond the tolerance is
 * kept and flagged.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dx.trace.ledger.confirmations=1", "dx.trace.anchor.interval=1s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PlotAreaTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_plot_area");
    private static final TestChain CHAIN = TestChain.start();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    // WGS 84
    private static final double A = 6_378_137.0;
    private static final double F = 1 / 298.257223563;
    private static final double E2 = F * (2 - F);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestProperties.service(registry, DB, CHAIN);
    }

    @AfterAll
    static void cleanUp(@Autowired DataSource dataSource) throws Exception {
        TestProperties.release(dataSource, DB, CHAIN);
    }

    @LocalServerPort
    int port;

    TestHttp http;

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
        if (http.get("/api/organisations/htx-a", "dept").status() == 404) {
            assertThat(http.post(
                                    "/api/organisations",
                                    Map.of("id", "htx-a", "kind", "COOPERATIVE", "name", "HTX htx-a"),
                                    "dept")
                            .status())
                    .isEqualTo(201);
        }
    }

    /** Radius of curvature of the meridian at latitude φ (radians), m. */
    private static double meridianRadius(double phi) {
        double s = Math.sin(phi);
        return A * (1 - E2) / Math.pow(1 - E2 * s * s, 1.5);
    }

    /** Radius of the parallel at latitude φ: the prime-vertical radius times cos φ, m. */
    private static double parallelRadius(double phi) {
        double s = Math.sin(phi);
        return A / Math.sqrt(1 - E2 * s * s) * Math.cos(phi);
    }

    /** Snyder's q(φ) (Map Projections — A Working Manual, eq. 3-12): the authalic function of WGS 84. */
    private static double q(double phi) {
        double e = Math.sqrt(E2);
        double s = Math.sin(phi);
        return (1 - E2) * (s / (1 - E2 * s * s) - Math.log((1 - e * s) / (1 + e * s)) / (2 * e));
    }

    /** The exact area between two parallels and two meridians of WGS 84: a² Δλ (q(φ₂) − q(φ₁)) / 2, m². */
    private static double quadrangle(double south, double north, double widthDeg) {
        return A * A * Math.toRadians(widthDeg) / 2 * (q(Math.toRadians(north)) - q(Math.toRadians(south)));
    }

    private static List<List<Double>> ring(double west, double south, double east, double north) {
        return List.of(
                List.of(west, south),
                List.of(east, south),
                List.of(east, north),
                List.of(west, north),
                List.of(west, south));
    }

    private static JsonNode polygon(List<?>... rings) {
        return JSON.valueToTree(Map.of("type", "Polygon", "coordinates", List.of(rings)));
    }

    /** Degrees of latitude and longitude of a rectangle of {@code metres} on each side at {@code lat}. */
    private static double[] degreesOf(double lat, double metres) {
        double phi = Math.toRadians(lat);
        return new double[] {Math.toDegrees(metres / meridianRadius(phi)), Math.toDegrees(metres / parallelRadius(phi))
        };
    }

    private TestHttp.Response plot(String id, JsonNode geometry, Double declaredAreaHa) {
        Map<String, Object> body =
                new HashMap<>(Map.of("id", id, "name", "Ruộng " + id, "crop", "rice", "geometry", geometry));
        if (declaredAreaHa != null) body.put("declaredAreaHa", declaredAreaHa);
        return http.post("/api/plots", body, "htx-a");
    }

    private static void refused(TestHttp.Response r, String rule, String field, String... words) {
        assertThat(r.status()).as(r.text()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().get("rule").stringValue()).isEqualTo(rule);
        assertThat(r.body().get("field").stringValue()).isEqualTo(field);
        assertThat(r.detail()).startsWith(field.substring(1) + ": ").contains(words);
    }

    @Test
    void aHundredMetreSquareNear15NorthHasTheAreaOfTheEllipsoidsMeridianArcAndParallel() {
        // a rectangle of 100 m × 100 m: its sides measured at its middle latitude with the meridian
        // radius M(φ) and the parallel radius N(φ)·cos φ; 100 m is small enough for this to be exact
        // to far below 0.01% (the sides' change of scale across 100 m is ~1e-9)
        double south = 15.0;
        double dLat = degreesOf(south, 100)[0];
        double mid = Math.toRadians(south + dLat / 2);
        double dLon = Math.toDegrees(100 / parallelRadius(mid));
        double expected = meridianRadius(mid) * Math.toRadians(dLat) * parallelRadius(mid) * Math.toRadians(dLon);
        assertThat(expected).isCloseTo(10_000, within(0.01));

        JsonNode square = polygon(ring(108.85, south, 108.85 + dLon, south + dLat));
        assertThat(PlotGeometry.areaSquareMetres(PlotGeometry.parse(square)))
                .isCloseTo(expected, Percentage.withPercentage(0.01));
        TestHttp.Response created = plot("hundred-m", square, null);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.body().get("areaHa").doubleValue())
                .isCloseTo(expected / 10_000, Percentage.withPercentage(0.01));
        assertThat(created.body().get("declaredAreaHa").isNull()).isTrue();
        assertThat(created.body().get("areaDiscrepancy").isNull()).isTrue();
        assertThat(created.body().get("areaOutsideTolerance").booleanValue()).isFalse();
    }

    @Test
    void aQuadrangleHasTheExactEllipsoidalAreaAndTheSphereSaidAbout0point6PercentMore() {
        // 0.01° × 0.01° at Mộ Đức (about 1.07 × 1.11 km): Snyder's closed form for the area between
        // two parallels; the plot's edges are geodesics, which bow from the parallels by millimetres
        double exact = quadrangle(14.95, 14.96, 0.01);
        double geodesic =
                PlotGeometry.areaSquareMetres(PlotGeometry.parse(polygon(ring(108.85, 14.95, 108.86, 14.96))));
        assertThat(geodesic).isCloseTo(exact, Percentage.withPercentage(0.0001));

        // what the spherical formula (radius 6 378 137 m) gave for it: the "above the geodesic area"
        double sphere =
                A * A * Math.toRadians(0.01) * (Math.sin(Math.toRadians(14.96)) - Math.sin(Math.toRadians(14.95)));
        assertThat(sphere / geodesic - 1).isBetween(0.005, 0.007);
    }

    @Test
    void holesAreSubtractedAndARingsDirectionDoesNotMatter() {
        List<List<Double>> outer = ring(108.85, 14.95, 108.86, 14.96);
        List<List<Double>> hole = ring(108.852, 14.952, 108.854, 14.954);
        double expected = quadrangle(14.95, 14.96, 0.01) - quadrangle(14.952, 14.954, 0.002);
        assertThat(PlotGeometry.areaSquareMetres(PlotGeometry.parse(polygon(outer, hole))))
                .isCloseTo(expected, Percentage.withPercentage(0.0001));
        assertThat(PlotGeometry.areaSquareMetres(PlotGeometry.parse(polygon(outer.reversed(), hole.reversed()))))
                .isCloseTo(expected, Percentage.withPercentage(0.0001));
    }

    @Test
    void aPlotOf304855HectaresIsRefusedNamingTheGeometry() {
        // a square of 55.2 km each side in the middle of the province: inside it, but no plot
        double side = Math.sqrt(304_855 * 10_000.0);
        double[] d = degreesOf(14.9, side);
        TestHttp.Response r = plot("province-sized", polygon(ring(108.3, 14.6, 108.3 + d[1], 14.6 + d[0])), null);
        refused(r, "plot-too-large", "/geometry", "500 ha");
        String covers = r.detail().replaceAll(".*covers ([0-9.]+) ha.*", "$1");
        assertThat(Double.parseDouble(covers)).isCloseTo(304_855, Percentage.withPercentage(0.5));
        assertThat(http.get("/api/plots/province-sized", "htx-a").status()).isEqualTo(404);

        // the largest plot allowed is the limit itself (a 2.2-km square of 480 ha is fine)
        double[] ok = degreesOf(14.9, Math.sqrt(480 * 10_000.0));
        assertThat(plot("big-but-real", polygon(ring(108.3, 14.6, 108.3 + ok[1], 14.6 + ok[0])), null)
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aPlotInHaNoiIsRefusedAsOutsideTheProvinceButOneJustOffItsBoxIsNot() {
        refused(
                plot("ha-noi", TestHttp.square(105.85, 21.03, 100), null),
                "plot-outside-province",
                "/geometry",
                "outside Quảng Ngãi");
        // longitude and latitude swapped: out of range as a latitude
        refused(plot("swapped", TestHttp.square(14.95, 108.85, 100), null), "plot-geometry", "/geometry", "range");

        // within the 10-km margin east of the box (109.5° E), and beyond it
        assertThat(plot("margin-in", TestHttp.square(109.55, 15.0, 100), null).status())
                .isEqualTo(201);
        refused(
                plot("margin-out", TestHttp.square(109.65, 15.0, 100), null),
                "plot-outside-province",
                "/geometry",
                "outside Quảng Ngãi");
        // Lý Sơn island and former Kon Tum (Đắk Glei, Sa Thầy) are inside
        for (double[] p : new double[][] {{109.12, 15.38}, {107.73, 15.08}, {107.45, 14.25}}) {
            String id = "in-" + (int) (p[0] * 100);
            assertThat(plot(id, TestHttp.square(p[0], p[1], 100), null).status())
                    .as(id)
                    .isEqualTo(201);
        }
    }

    @Test
    void aSelfIntersectingPolygonIsRefused() {
        double lon = 108.87, lat = 14.97;
        JsonNode bowtie = polygon(List.of(
                List.of(lon, lat),
                List.of(lon + 0.01, lat + 0.01),
                List.of(lon + 0.01, lat),
                List.of(lon, lat + 0.01),
                List.of(lon, lat)));
        refused(plot("bowtie", bowtie, null), "plot-geometry", "/geometry", "not valid");
    }

    @Test
    void aDeclaredAreaTenPercentOffIsFlaggedAndThreePercentOffIsNot() {
        double[] d = degreesOf(14.9, 100);
        double lon = 108.9;
        Map<String, Double> declaredBySurveyed =
                Map.of("over-10", 1.10, "under-10", 0.90, "over-3", 1.03, "under-3", 0.97);
        for (var e : declaredBySurveyed.entrySet()) {
            JsonNode square = polygon(ring(lon, 14.9, lon + d[1], 14.9 + d[0]));
            lon += 0.01;
            double surveyed = PlotGeometry.areaHectares(PlotGeometry.parse(square));
            double declared = Math.round(surveyed / e.getValue() * 10_000) / 10_000.0;
            TestHttp.Response created = plot(e.getKey(), square, declared);
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            for (JsonNode p : List.of(
                    created.body(),
                    http.get("/api/plots/" + e.getKey(), "htx-a").body())) {
                assertThat(p.get("areaHa").doubleValue()).isCloseTo(surveyed, within(0.0001));
                assertThat(p.get("declaredAreaHa").doubleValue()).isEqualTo(declared);
                assertThat(p.get("areaDiscrepancy").doubleValue())
                        .as(e.getKey())
                        .isCloseTo(e.getValue() - 1, within(0.001));
                assertThat(p.get("areaOutsideTolerance").booleanValue())
                        .as(e.getKey())
                        .isEqualTo(e.getKey().endsWith("-10"));
            }
        }

        refused(
                plot("declared-zero", polygon(ring(lon, 14.9, lon + d[1], 14.9 + d[0])), 0.0),
                "plot-declared-area",
                "/declaredAreaHa",
                "more than 0 ha");
    }
}
