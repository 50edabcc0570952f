package vn.dongxanh.trace.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
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
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.contract.identity.TokenClaims;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.devkit.TokenIssuer;
import vn.dongxanh.trace.TestHttp;
import vn.dongxanh.trace.TestProperties;
import vn.dongxanh.trace.TestTokens;
import vn.dongxanh.trace.gs1.Gs1;

/**
 * THE ACCESS MATRIX: every operation of the service's own OpenAPI document (fetched from the
 * running service) × every kind of caller, each answer asserted against one rules table keyed by
 * operation; an operation without a rule fails the test, so a new endpoint cannot ship
 * unprotected. The resources of the matrix are cooperative htx-b's, none published: "own" is
 * htx-b's manager and operator and cb-2 (the body that certified htx-b), "other" is htx-a's
 * manager and cb-1. Also: the tokens that must fail, and that nothing public names a person or
 * shows a record that is not of a published batch's story.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dx.trace.ledger.mode=off", "dx.trace.ingest.pull-on-batch=false"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AccessMatrixTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_access");
    private static final LocalDate D = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    private static final String GTIN_A = gtin("893600000001");
    private static final String GTIN_B = gtin("893600000002");
    private static final String CODE_A = "VN-51-0701";
    private static final String CODE_B = "VN-51-0702";
    /** People seeded into the data; none may appear in anything public. */
    private static final List<String> PEOPLE =
            List.of("Nguyễn Thị Hoa", "Trần Văn Bình", "le.thi.dung", "pham.van.cuong", "vo.minh.em");

    private static boolean seeded;
    private static final Map<String, Object> IDS = new LinkedHashMap<>();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestProperties.database(registry, DB);
        TestProperties.issuer(registry);
        registry.add("dx.trace.ingest.base-url", () -> "http://127.0.0.1:9"); // nothing listens: 503
        TestTokens.user("le.thi.dung", PlatformRole.COOP_MANAGER, "htx-a");
        TestTokens.user("pham.van.cuong", PlatformRole.DEPARTMENT_OFFICER, "so-nnmt");
        TestTokens.user("vo.minh.em", PlatformRole.COOP_MANAGER, "htx-b");
    }

    @AfterAll
    static void cleanUp(@Autowired DataSource dataSource) throws Exception {
        if (dataSource instanceof AutoCloseable pool) pool.close();
        DB.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    TestHttp http;

    /** htx-b's batches back to drafts: a publication in one check must not open the story for the next. */
    private void unpublishHtxB() {
        jdbc.update("update batch set published_at = null where organisation_id = 'htx-b'");
    }

    private static String gtin(String twelve) {
        return twelve + Gs1.checkDigit(twelve);
    }

    private TestHttp.Response ok(TestHttp.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        return r;
    }

    // ---- seed ------------------------------------------------------------------------------

    @BeforeEach
    void seed() {
        http = new TestHttp(port);
        if (seeded) return;
        for (String[] org : new String[][] {
            {"so-nnmt", "DEPARTMENT"},
            {"htx-a", "COOPERATIVE"},
            {"htx-b", "COOPERATIVE"},
            {"cb-1", "CERTIFICATION_BODY"},
            {"cb-2", "CERTIFICATION_BODY"}
        }) {
            ok(
                    http.post(
                            "/api/organisations",
                            Map.of("id", org[0], "kind", org[1], "name", "Org " + org[0]),
                            "dept"),
                    201);
        }
        seedCooperative("a", "le.thi.dung", "op-a", "cb", GTIN_A, CODE_A, "Nguyễn Thị Hoa", 108.80);
        seedCooperative("b", "vo.minh.em", "op-b", "cb-2", GTIN_B, CODE_B, "Trần Văn Bình", 108.90);
        // htx-a's batch is published (the default); htx-b's two are drafts
        IDS.put("batch-a", batch("le.thi.dung", GTIN_A, "PUB-1", CODE_A, (Long) IDS.get("cert-a"), null));
        IDS.put("batch-b", batch("vo.minh.em", GTIN_B, "DRAFT-1", CODE_B, (Long) IDS.get("cert-b"), false));
        IDS.put("batch-b2", batch("vo.minh.em", GTIN_B, "DRAFT-2", CODE_B, (Long) IDS.get("cert-b"), false));
        // a capture job of htx-b (by its other manager): polled by htx-b's managers and the department
        Map<String, Object> observed = new java.util.LinkedHashMap<>();
        observed.put("type", "ObjectEvent");
        observed.put("eventTime", D.minusDays(1) + "T08:00:00+07:00");
        observed.put("eventTimeZoneOffset", "+07:00");
        observed.put("epcList", List.of());
        observed.put("action", "OBSERVE");
        observed.put("bizStep", "inspecting");
        observed.put(
                "quantityList", List.of(Map.of("epcClass", lgtin(GTIN_B, "DRAFT-1"), "quantity", 1, "uom", "KGM")));
        IDS.put(
                "capture-b",
                ok(
                                http.post(
                                        "/api/epcis/capture",
                                        Map.of(
                                                "type",
                                                "EPCISDocument",
                                                "schemaVersion",
                                                "2.0",
                                                "creationDate",
                                                java.time.Instant.now().toString(),
                                                "epcisBody",
                                                Map.of("eventList", List.of(observed))),
                                        "vo.minh.em"),
                                202)
                        .body()
                        .get("captureID")
                        .stringValue());
        // a diary entry after the harvest is not part of the published batch's story
        IDS.put(
                "diary-a-late",
                ok(
                                http.post(
                                        "/api/plots/plot-a/diary",
                                        Map.of(
                                                "date", D.minusDays(2).toString(),
                                                "operation", "LAND_PREPARATION",
                                                "operator", "Nguyễn Thị Hoa"),
                                        "op-a"),
                                201)
                        .body()
                        .get("recordId")
                        .longValue());
        seeded = true;
    }

    private void seedCooperative(
            String x,
            String manager,
            String operator,
            String body,
            String gtin,
            String code,
            String person,
            double lon) {
        String org = "htx-" + x;
        ok(
                http.post(
                        "/api/plots",
                        Map.of(
                                "id",
                                "plot-" + x,
                                "name",
                                "Ruộng " + x,
                                "crop",
                                "rice",
                                "geometry",
                                TestHttp.square(lon, 14.95, 120)),
                        manager),
                201);
        ok(
                http.post(
                        "/api/codes",
                        Map.of(
                                "code",
                                code,
                                "crop",
                                "rice",
                                "plotIds",
                                List.of("plot-" + x),
                                "applicationDate",
                                D.minusDays(100).toString()),
                        manager),
                201);
        for (String[] step : new String[][] {{"UNDER_INSPECTION", "95"}, {"ISSUED", "90"}}) {
            ok(
                    http.post(
                            "/api/codes/" + code + "/status",
                            Map.of(
                                    "status",
                                    step[0],
                                    "reason",
                                    "inspection",
                                    "effectiveDate",
                                    D.minusDays(Long.parseLong(step[1])).toString()),
                            "pham.van.cuong"),
                    200);
        }
        ok(http.post("/api/products", Map.of("gtin", gtin, "name", "Gạo " + x, "crop", "rice"), manager), 201);
        long cert = ok(
                        http.post(
                                "/api/certificates",
                                Map.of(
                                        "scheme",
                                        "VIETGAP",
                                        "number",
                                        "VietGAP-TT-13-09-51-070" + (x.equals("a") ? 1 : 2),
                                        "holderId",
                                        org,
                                        "validFrom",
                                        D.minusDays(200).toString(),
                                        "validTo",
                                        D.plusDays(200).toString(),
                                        "crops",
                                        List.of("rice")),
                                body),
                        201)
                .body()
                .get("id")
                .longValue();
        IDS.put("cert-" + x, cert);
        long diary = ok(
                        http.post(
                                "/api/plots/plot-" + x + "/diary",
                                Map.of(
                                        "date",
                                        D.minusDays(30).toString(),
                                        "operation",
                                        "FERTILISER",
                                        "productName",
                                        "NPK 16-16-8",
                                        "operator",
                                        person),
                                operator),
                        201)
                .body()
                .get("recordId")
                .longValue();
        IDS.put("diary-" + x, diary);
    }

    private long batch(String manager, String gtin, String lot, String code, long cert, Boolean publish) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("gtin", gtin);
        body.put("lot", lot);
        body.put("code", code);
        body.put("harvestDate", D.minusDays(10).toString());
        body.put("quantityKg", 500);
        body.put("certificateIds", List.of(cert));
        if (publish != null) body.put("publish", publish);
        return ok(http.post("/api/batches", body, manager), 201)
                .body()
                .get("id")
                .longValue();
    }

    private JsonNode batchJson(long id) {
        return ok(http.get("/api/batches/" + id, "dept"), 200).body();
    }

    private static String lgtin(String gtin13, String lot) {
        return "https://id.gs1.org/01/" + Gs1.gtin14(gtin13) + "/10/" + lot;
    }

    // ---- the callers and the rules -------------------------------------------------------

    /** Who calls, relative to the matrix's resources (htx-b's). */
    enum Caller {
        ANONYMOUS(null),
        MANAGER_OWN("htx-b"),
        MANAGER_OTHER("htx-a"),
        OPERATOR_OWN("op-b"),
        DEPARTMENT("dept"),
        BODY_OWN("cb-2"),
        BODY_OTHER("cb"),
        SERVICE("service");

        final String user;

        Caller(String user) {
            this.user = user;
        }
    }

    /** An expected answer: an exact status, or ADMITTED (past every access check: not 401/403/404, not 500). */
    enum Expect {
        OK,
        ADMITTED,
        UNAUTHORIZED,
        FORBIDDEN,
        NOT_FOUND;

        boolean matches(int status) {
            return switch (this) {
                case OK -> status >= 200 && status < 300;
                case ADMITTED -> status != 401 && status != 403 && status != 404 && status != 500;
                case UNAUTHORIZED -> status == 401;
                case FORBIDDEN -> status == 403;
                case NOT_FOUND -> status == 404;
            };
        }
    }

    /** A rule: the resources its path variables and query name, and the expected answer per caller. */
    record Rule(Map<String, String> variables, String query, Map<Caller, Expect> expected) {}

    private static Map<Caller, Expect> table(Function<Caller, Expect> f) {
        Map<Caller, Expect> m = new EnumMap<>(Caller.class);
        for (Caller c : Caller.values()) m.put(c, f.apply(c));
        return m;
    }

    /** A private resource of htx-b: its cooperative, the department and the body that certified it. */
    private static Map<Caller, Expect> ownersRead() {
        return table(c -> switch (c) {
            case MANAGER_OWN, OPERATOR_OWN, DEPARTMENT, BODY_OWN -> Expect.OK;
            default -> Expect.NOT_FOUND;
        });
    }

    private static Map<Caller, Expect> everyone() {
        return table(c -> Expect.OK);
    }

    /** A write gated by role only: anonymous 401, the roles admitted, the rest 403. */
    private static Map<Caller, Expect> writers(Caller... admitted) {
        List<Caller> ok = List.of(admitted);
        return table(
                c -> c == Caller.ANONYMOUS ? Expect.UNAUTHORIZED : ok.contains(c) ? Expect.ADMITTED : Expect.FORBIDDEN);
    }

    /** A write on htx-b's resource: its writers admitted, another organisation's (who cannot see it) 404. */
    private static Map<Caller, Expect> ownersWrite(List<Caller> admitted, List<Caller> unseen) {
        return table(c -> c == Caller.ANONYMOUS
                ? Expect.UNAUTHORIZED
                : admitted.contains(c) ? Expect.ADMITTED : unseen.contains(c) ? Expect.NOT_FOUND : Expect.FORBIDDEN);
    }

    private Map<String, Rule> rules() {
        String batchB = IDS.get("batch-b").toString();
        String recordB = Long.toString(
                batchJson((Long) IDS.get("batch-b")).get("recordId").longValue());
        Map<String, String> none = Map.of();
        Map<String, Rule> r = new LinkedHashMap<>();
        // reads: htx-b's private resources
        r.put("GET /api/batches/{id}", new Rule(Map.of("id", batchB), "", ownersRead()));
        r.put("GET /api/batches/{id}/qr.png", new Rule(Map.of("id", batchB), "", ownersRead()));
        r.put("GET /api/batches/{id}/qr.svg", new Rule(Map.of("id", batchB), "", ownersRead()));
        // labels: printed by the batch's cooperative and the department; a body that sees the batch 403
        for (String label : List.of("labels.pdf", "label.png", "label.svg")) {
            r.put("GET /api/batches/{id}/" + label, new Rule(Map.of("id", batchB), "", table(c -> switch (c) {
                case ANONYMOUS -> Expect.UNAUTHORIZED;
                case MANAGER_OWN, OPERATOR_OWN, DEPARTMENT -> Expect.OK;
                case BODY_OWN -> Expect.FORBIDDEN;
                default -> Expect.NOT_FOUND;
            })));
        }
        // a lot's scan counts and flags: its cooperative and the department; a body that sees it 403
        r.put("GET /api/batches/{id}/scans", new Rule(Map.of("id", batchB), "", table(c -> switch (c) {
            case ANONYMOUS -> Expect.UNAUTHORIZED;
            case MANAGER_OWN, OPERATOR_OWN, DEPARTMENT -> Expect.OK;
            case BODY_OWN -> Expect.FORBIDDEN;
            default -> Expect.NOT_FOUND;
        })));
        // the register as a list: the department (all) and cooperatives' users (their own)
        r.put("GET /api/codes", new Rule(none, "", table(c -> switch (c) {
            case ANONYMOUS -> Expect.UNAUTHORIZED;
            case MANAGER_OWN, MANAGER_OTHER, OPERATOR_OWN, DEPARTMENT -> Expect.OK;
            default -> Expect.FORBIDDEN;
        })));
        // the audit's findings: the department (any scope) and cooperatives' users (their own)
        r.put("GET /api/findings", new Rule(none, "", table(c -> switch (c) {
            case ANONYMOUS -> Expect.UNAUTHORIZED;
            case MANAGER_OWN, MANAGER_OTHER, OPERATOR_OWN, DEPARTMENT -> Expect.OK;
            default -> Expect.FORBIDDEN;
        })));
        // the province's figures: the department only
        for (String figures :
                List.of("/api/province/figures", "/api/province/figures.csv", "/api/province/figures.pdf")) {
            r.put("GET " + figures, new Rule(none, "", table(c -> switch (c) {
                case ANONYMOUS -> Expect.UNAUTHORIZED;
                case DEPARTMENT -> Expect.OK;
                default -> Expect.FORBIDDEN;
            })));
        }
        // the inspection workflow: the department plans and records; the list is also a cooperative's own
        r.put("GET /api/inspections/plan", new Rule(none, "", table(c -> switch (c) {
            case ANONYMOUS -> Expect.UNAUTHORIZED;
            case DEPARTMENT -> Expect.OK;
            default -> Expect.FORBIDDEN;
        })));
        r.put("GET /api/inspections", new Rule(none, "", table(c -> switch (c) {
            case ANONYMOUS -> Expect.UNAUTHORIZED;
            case MANAGER_OWN, MANAGER_OTHER, OPERATOR_OWN, DEPARTMENT -> Expect.OK;
            default -> Expect.FORBIDDEN;
        })));
        r.put("POST /api/inspections", new Rule(none, "", table(c -> switch (c) {
            case ANONYMOUS -> Expect.UNAUTHORIZED;
            case DEPARTMENT -> Expect.ADMITTED;
            default -> Expect.FORBIDDEN;
        })));
        r.put("POST /api/inspections/{id}/files", new Rule(Map.of("id", "999999"), "", table(c -> switch (c) {
            case ANONYMOUS -> Expect.UNAUTHORIZED;
            case DEPARTMENT -> Expect.NOT_FOUND;
            default -> Expect.FORBIDDEN;
        })));
        r.put(
                "GET /api/inspections/{id}/files/{file}",
                new Rule(Map.of("id", "999999", "file", "1"), "", table(c -> switch (c) {
                    case ANONYMOUS -> Expect.UNAUTHORIZED;
                    case DEPARTMENT, MANAGER_OWN, MANAGER_OTHER, OPERATOR_OWN -> Expect.NOT_FOUND;
                    default -> Expect.FORBIDDEN;
                })));
        r.put("POST /api/inspections/{id}/outcome", new Rule(Map.of("id", "999999"), "", table(c -> switch (c) {
            case ANONYMOUS -> Expect.UNAUTHORIZED;
            case DEPARTMENT -> Expect.NOT_FOUND;
            default -> Expect.FORBIDDEN;
        })));
        // the register whole, as CSV and as a PDF report: as the list
        for (String export : List.of("/api/codes.csv", "/api/codes.pdf")) {
            r.put("GET " + export, new Rule(none, "", table(c -> switch (c) {
                case ANONYMOUS -> Expect.UNAUTHORIZED;
                case MANAGER_OWN, MANAGER_OTHER, OPERATOR_OWN, DEPARTMENT -> Expect.OK;
                default -> Expect.FORBIDDEN;
            })));
        }
        // flags of possibly cloned labels: the department (all) and cooperatives' users (their own)
        r.put("GET /api/scans/flags", new Rule(none, "", table(c -> switch (c) {
            case ANONYMOUS -> Expect.UNAUTHORIZED;
            case MANAGER_OWN, MANAGER_OTHER, OPERATOR_OWN, DEPARTMENT -> Expect.OK;
            default -> Expect.FORBIDDEN;
        })));
        r.put("GET /api/plots/{id}", new Rule(Map.of("id", "plot-b"), "", ownersRead()));
        r.put("GET /api/codes/{code}", new Rule(Map.of("code", CODE_B), "", ownersRead()));
        // a code's papers (batches, drafts too; certificates covering it): its cooperative and the department
        for (String papers : List.of("GET /api/codes/{code}/batches", "GET /api/codes/{code}/certificates")) {
            r.put(papers, new Rule(Map.of("code", CODE_B), "", table(c -> switch (c) {
                case ANONYMOUS -> Expect.UNAUTHORIZED;
                case MANAGER_OWN, OPERATOR_OWN, DEPARTMENT -> Expect.OK;
                default -> Expect.FORBIDDEN;
            })));
        }
        // a plot's diary: its cooperative and the department (names to the cooperative only); a body 403
        r.put("GET /api/plots/{plotId}/diary", new Rule(Map.of("plotId", "plot-b"), "", table(c -> switch (c) {
            case ANONYMOUS -> Expect.UNAUTHORIZED;
            case MANAGER_OWN, OPERATOR_OWN, DEPARTMENT -> Expect.OK;
            case MANAGER_OTHER -> Expect.NOT_FOUND;
            default -> Expect.FORBIDDEN;
        })));
        // the operations a diary entry may name: a fact for anyone signed in
        r.put(
                "GET /api/diary/operations",
                new Rule(none, "", table(c -> c == Caller.ANONYMOUS ? Expect.UNAUTHORIZED : Expect.OK)));
        r.put("GET /api/products/{gtin}", new Rule(Map.of("gtin", GTIN_B), "", ownersRead()));
        r.put(
                "GET /api/certificates/{id}",
                new Rule(Map.of("id", IDS.get("cert-b").toString()), "", ownersRead()));
        r.put("GET /api/records/{id}", new Rule(Map.of("id", recordB), "", ownersRead()));
        r.put("GET /api/records/{id}/proof", new Rule(Map.of("id", recordB), "", ownersRead()));
        r.put("GET /api/records/{id}/verification", new Rule(Map.of("id", recordB), "", ownersRead()));
        // records whose stored content no longer gives their anchored leaf: the department only
        r.put("GET /api/records/mismatches", new Rule(none, "", table(c -> switch (c) {
            case ANONYMOUS -> Expect.UNAUTHORIZED;
            case DEPARTMENT -> Expect.OK;
            default -> Expect.FORBIDDEN;
        })));
        // names behind commitments: the record's organisation and the department; others who see it 403
        r.put("GET /api/records/{id}/disclosure", new Rule(Map.of("id", recordB), "", table(c -> switch (c) {
            case ANONYMOUS -> Expect.UNAUTHORIZED;
            case MANAGER_OWN, OPERATOR_OWN, DEPARTMENT -> Expect.OK;
            case BODY_OWN, SERVICE -> Expect.FORBIDDEN;
            default -> Expect.NOT_FOUND;
        })));
        r.put(
                "GET /api/epcis/events",
                new Rule(
                        none,
                        "?epc=" + URLEncoder.encode(lgtin(GTIN_B, "DRAFT-1"), StandardCharsets.UTF_8),
                        ownersRead()));
        r.put(
                "GET /01/{gtin}/10/{lot}",
                new Rule(Map.of("gtin", Gs1.gtin14(GTIN_B), "lot", "DRAFT-1"), "", ownersRead()));
        r.put(
                "GET /api/lots/{gtin}/{lot}",
                new Rule(Map.of("gtin", Gs1.gtin14(GTIN_B), "lot", "DRAFT-1"), "", ownersRead()));
        // the lot's story (its records, proofs and what the tables changed since): as its facts
        r.put(
                "GET /api/lots/{gtin}/{lot}/story",
                new Rule(Map.of("gtin", Gs1.gtin14(GTIN_B), "lot", "DRAFT-1"), "", ownersRead()));
        r.put(
                "GET /api/organisations/{id}",
                new Rule(
                        Map.of("id", "htx-b"),
                        "",
                        table(c -> c == Caller.ANONYMOUS || c == Caller.SERVICE ? Expect.NOT_FOUND : Expect.OK)));
        // the ledger facts anyone needs to check a proof
        r.put("GET /api/ledger", new Rule(none, "", everyone()));
        r.put("GET /api/ledger/abi", new Rule(none, "", everyone()));
        // the listing feed: public for anyone, and only ever published, live lots (htx-a's; htx-b's are drafts)
        r.put("GET /api/listing", new Rule(none, "", everyone()));
        r.put("GET /api/listing/{cooperative}", new Rule(Map.of("cooperative", "htx-a"), "", everyone()));
        // the audit log: the department, and each organisation's manager or body for its own
        r.put("GET /api/audit", new Rule(none, "", table(c -> switch (c) {
            case ANONYMOUS -> Expect.UNAUTHORIZED;
            case OPERATOR_OWN, SERVICE -> Expect.FORBIDDEN;
            default -> Expect.OK;
        })));
        // writes gated by role
        r.put("POST /api/organisations", new Rule(none, "", writers(Caller.DEPARTMENT)));
        r.put("POST /api/ledger/roles", new Rule(none, "", writers(Caller.DEPARTMENT)));
        r.put("POST /api/plots", new Rule(none, "", writers(Caller.MANAGER_OWN, Caller.MANAGER_OTHER)));
        r.put("POST /api/codes", new Rule(none, "", writers(Caller.MANAGER_OWN, Caller.MANAGER_OTHER)));
        r.put("POST /api/products", new Rule(none, "", writers(Caller.MANAGER_OWN, Caller.MANAGER_OTHER)));
        r.put("POST /api/batches", new Rule(none, "", writers(Caller.MANAGER_OWN, Caller.MANAGER_OTHER)));
        // the caller's own cooperative's batches: any cooperative user, no one else
        r.put("GET /api/batches", new Rule(none, "", table(c -> switch (c) {
            case ANONYMOUS -> Expect.UNAUTHORIZED;
            case MANAGER_OWN, MANAGER_OTHER, OPERATOR_OWN -> Expect.OK;
            default -> Expect.FORBIDDEN;
        })));
        // the caller's own cooperative's plots with their polygons: any cooperative user, no one else
        r.put("GET /api/plots", new Rule(none, "", table(c -> switch (c) {
            case ANONYMOUS -> Expect.UNAUTHORIZED;
            case MANAGER_OWN, MANAGER_OTHER, OPERATOR_OWN -> Expect.OK;
            default -> Expect.FORBIDDEN;
        })));
        r.put("POST /api/batches/checks", new Rule(none, "", writers(Caller.MANAGER_OWN, Caller.MANAGER_OTHER)));
        r.put(
                "GET /api/epcis/capture/{captureId}",
                new Rule(Map.of("captureId", (String) IDS.get("capture-b")), "", table(c -> switch (c) {
                    case ANONYMOUS -> Expect.UNAUTHORIZED;
                    case MANAGER_OWN, DEPARTMENT -> Expect.OK;
                    case MANAGER_OTHER -> Expect.NOT_FOUND;
                    default -> Expect.FORBIDDEN;
                })));
        r.put(
                "POST /api/epcis/capture",
                new Rule(none, "", writers(Caller.MANAGER_OWN, Caller.MANAGER_OTHER, Caller.DEPARTMENT)));
        r.put(
                "POST /api/certificates",
                new Rule(none, "", writers(Caller.DEPARTMENT, Caller.BODY_OWN, Caller.BODY_OTHER)));
        r.put("POST /api/codes/{code}/status", new Rule(Map.of("code", CODE_B), "", writers(Caller.DEPARTMENT)));
        r.put("POST /api/codes/{code}/reviews", new Rule(Map.of("code", CODE_B), "", writers(Caller.DEPARTMENT)));
        // legacy codes from the department's spreadsheet ("{}" is not its header: 400 once admitted)
        r.put("POST /api/codes/import", new Rule(none, "?dryRun=true", writers(Caller.DEPARTMENT)));
        // writes on htx-b's resources
        List<Caller> coop = List.of(Caller.MANAGER_OWN, Caller.OPERATOR_OWN);
        r.put(
                "POST /api/plots/{plotId}/diary",
                new Rule(Map.of("plotId", "plot-b"), "", ownersWrite(coop, List.of(Caller.MANAGER_OTHER))));
        r.put(
                "POST /api/plots/{plotId}/diary/irrigation-summary",
                new Rule(Map.of("plotId", "plot-b"), "", ownersWrite(coop, List.of(Caller.MANAGER_OTHER))));
        r.put(
                "POST /api/certificates/{id}/state",
                new Rule(
                        Map.of("id", IDS.get("cert-b").toString()),
                        "",
                        ownersWrite(List.of(Caller.BODY_OWN), List.of(Caller.BODY_OTHER))));
        r.put(
                "POST /api/batches/{id}/publication",
                new Rule(
                        Map.of("id", IDS.get("batch-b2").toString()),
                        "",
                        ownersWrite(List.of(Caller.MANAGER_OWN), List.of(Caller.MANAGER_OTHER))));
        // a product renamed by its cooperative's manager; an organisation renamed by the department
        r.put(
                "PUT /api/products/{gtin}",
                new Rule(
                        Map.of("gtin", GTIN_B),
                        "",
                        ownersWrite(List.of(Caller.MANAGER_OWN), List.of(Caller.MANAGER_OTHER))));
        r.put("PUT /api/organisations/{id}", new Rule(Map.of("id", "htx-b"), "", writers(Caller.DEPARTMENT)));
        return r;
    }

    @Test
    void everyOperationOfTheOpenApiDocumentAnswersEveryCallerAsItsRuleSays() {
        JsonNode doc = ok(http.get("/v3/api-docs", "dept"), 200).body();
        Map<String, Rule> rules = rules();
        List<String> unruled = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (var path : doc.get("paths").properties()) {
            for (var op : path.getValue().properties()) {
                String method = op.getKey().toUpperCase();
                String key = method + " " + path.getKey();
                Rule rule = rules.get(key);
                if (rule == null) {
                    unruled.add(key);
                    continue;
                }
                String url = path.getKey();
                for (var v : rule.variables().entrySet()) {
                    url = url.replace("{" + v.getKey() + "}", v.getValue());
                }
                url += rule.query();
                for (Caller caller : Caller.values()) {
                    Object body = method.equals("GET") ? null : "{}";
                    TestHttp.Response answer = http.call(method, url, body, caller.user);
                    if (!method.equals("GET")) unpublishHtxB();
                    Expect expect = rule.expected().get(caller);
                    cells++;
                    if (!expect.matches(answer.status())) {
                        wrong.add(key + " as " + caller + ": expected " + expect + ", got " + answer.status() + " "
                                + answer.text()
                                        .substring(
                                                0, Math.min(160, answer.text().length())));
                    }
                    if (answer.status() >= 400) {
                        assertThat(answer.contentType())
                                .as(key + " as " + caller)
                                .startsWith("application/problem+json");
                    }
                }
            }
        }
        System.out.printf(
                "access matrix: %d operations × %d callers = %d cells asserted%n",
                cells / Caller.values().length, Caller.values().length, cells);
        assertThat(unruled)
                .as("operations with no access rule (add one to the table)")
                .isEmpty();
        assertThat(wrong).as("answers that break the rules").isEmpty();
        assertThat(rules.keySet())
                .as("every rule is for an operation of the document")
                .allMatch(k -> doc.get("paths").has(k.substring(k.indexOf(' ') + 1)));
        assertThat(cells)
                .as("every rule was asserted for every caller")
                .isEqualTo(rules.size() * Caller.values().length);
    }

    // ---- tokens that must fail ----------------------------------------------------------------

    @Test
    void forgedExpiredAndMisdirectedTokensAreRefused() {
        TokenIssuer issuer = TestTokens.issuer();
        String path = "/api/codes/" + CODE_B + "/status";
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("alg none", dept(issuer).unsigned());
        bad.put(
                "expired",
                dept(issuer).expiredAt(Instant.now().minusSeconds(120)).sign());
        bad.put(
                "wrong issuer",
                dept(issuer).issuer("https://idp.elsewhere.example").sign());
        bad.put(
                "wrong audience",
                issuer.token("x")
                        .organisation("so-nnmt")
                        .roles(PlatformRole.DEPARTMENT_OFFICER)
                        .audience(TokenClaims.INGEST_AUDIENCE)
                        .sign());
        bad.put("tampered", dept(issuer).tampered("htx-b"));
        bad.put("signed by another key", dept(issuer).signByStranger());
        bad.put("garbage", "not-a-jwt");
        for (var b : bad.entrySet()) {
            TestHttp.Response r =
                    http.callWithToken("POST", path, Map.of("status", "REVOKED", "reason", "forged"), b.getValue());
            assertThat(r.status()).as(b.getKey()).isEqualTo(401);
            assertThat(r.headers().get("WWW-Authenticate")).as(b.getKey()).startsWith("Bearer");
            assertThat(r.contentType()).as(b.getKey()).startsWith("application/problem+json");
            assertThat(r.body().get("rule").stringValue()).isEqualTo("unauthenticated");
        }
        // a valid token of another organisation: htx-a's manager on htx-b's plot
        assertThat(http.get("/api/plots/plot-b", "htx-a").status()).isEqualTo(404);
        assertThat(http.post("/api/plots/plot-b/diary", Map.of("date", D.toString(), "operation", "OTHER"), "htx-a")
                        .status())
                .isEqualTo(404);
        // a valid token whose organisation claim names htx-b but whose role is not a cooperative's
        assertThat(http.post("/api/plots/plot-b/diary", Map.of("date", D.toString(), "operation", "OTHER"), "cb-2")
                        .status())
                .isEqualTo(403);
        assertThat(ok(http.get("/api/codes/" + CODE_B, "dept"), 200)
                        .body()
                        .get("status")
                        .stringValue())
                .as("none of them changed the code")
                .isEqualTo("ISSUED");
    }

    private static TokenIssuer.Token dept(TokenIssuer issuer) {
        return issuer.token("intruder")
                .organisation("so-nnmt")
                .roles(PlatformRole.DEPARTMENT_OFFICER)
                .audience(TokenClaims.TRACE_AUDIENCE);
    }

    // ---- nothing public leaks ----------------------------------------------------------------

    /** Every public read of a batch's story, for an anonymous buyer. */
    private List<String> publicReads(String x, long batchId, String gtin, String lot, String code) {
        JsonNode batch = batchJson(batchId);
        List<String> reads = new ArrayList<>(List.of(
                "/01/" + Gs1.gtin14(gtin) + "/10/" + lot,
                "/api/lots/" + Gs1.gtin14(gtin) + "/" + lot,
                "/api/lots/" + Gs1.gtin14(gtin) + "/" + lot + "/story",
                "/01/" + Gs1.gtin14(gtin) + "/10/" + lot + "?linkType=linkset",
                "/api/batches/" + batchId,
                "/api/batches/" + batchId + "/qr.svg",
                "/api/batches/" + batchId + "/qr.png",
                "/api/products/" + gtin,
                "/api/codes/" + code,
                "/api/plots/plot-" + x,
                "/api/certificates/" + IDS.get("cert-" + x),
                "/api/organisations/htx-" + x,
                "/api/epcis/events?epc=" + URLEncoder.encode(lgtin(gtin, lot), StandardCharsets.UTF_8)));
        List<Long> records = new ArrayList<>(List.of(batch.get("recordId").longValue(), (Long) IDS.get("diary-" + x)));
        ok(http.get("/api/codes/" + code, "dept"), 200)
                .body()
                .get("history")
                .forEach(h -> records.add(h.get("recordId").longValue()));
        records.add(ok(http.get("/api/certificates/" + IDS.get("cert-" + x), "dept"), 200)
                .body()
                .get("recordId")
                .longValue());
        // every record the lot's story tells (its product's and organisations' included)
        ok(http.get("/api/lots/" + Gs1.gtin14(gtin) + "/" + lot + "/story", "dept"), 200)
                .body()
                .get("sections")
                .forEach(section -> section.get("records")
                        .forEach(rec -> records.add(rec.get("id").longValue())));
        for (long id : records) {
            reads.add("/api/records/" + id);
            reads.add("/api/records/" + id + "/proof");
            reads.add("/api/records/" + id + "/verification");
        }
        return reads;
    }

    @Test
    void nothingPublicNamesAPersonOrShowsAnUnpublishedBatchsStory() {
        List<String> published = publicReads("a", (Long) IDS.get("batch-a"), GTIN_A, "PUB-1", CODE_A);
        published.add("/api/organisations/cb-1");
        published.add("/api/organisations/so-nnmt");
        published.addAll(List.of(
                "/api/listing", "/api/listing?format=csv", "/api/listing/htx-a", "/api/listing/htx-a?format=csv"));
        for (String path : published) {
            TestHttp.Response r = http.get(path);
            assertThat(r.status()).as(path + " of the published batch").isEqualTo(200);
            // canonical content included: names enter records only as salted commitments
            String rendered = r.text();
            for (String person : PEOPLE) {
                assertThat(rendered).as(path + " names " + person).doesNotContain(person);
            }
        }
        assertThat(http.get("/api/records/" + IDS.get("diary-a-late")).status())
                .as("a diary entry after the harvest is not of the batch's story")
                .isEqualTo(404);
        List<String> unpublished = publicReads("b", (Long) IDS.get("batch-b"), GTIN_B, "DRAFT-1", CODE_B);
        unpublished.add("/api/organisations/cb-2");
        unpublished.add("/api/listing/htx-b");
        for (String path : unpublished) {
            TestHttp.Response r = http.get(path);
            assertThat(r.status()).as(path + " of the draft batch").isEqualTo(404);
            assertThat(r.text()).as(path).doesNotContain("Trần Văn Bình");
        }
        assertThat(http.get("/api/codes/" + CODE_A, "htx-a")
                        .body()
                        .get("history")
                        .get(0)
                        .has("actor"))
                .as("the code's own cooperative sees who did it")
                .isTrue();
        assertThat(http.get("/api/codes/" + CODE_A, "htx-b")
                        .body()
                        .get("history")
                        .get(0)
                        .has("actor"))
                .as("another cooperative sees a published code without names")
                .isFalse();
        // seen (published) but not theirs: 403, not 404
        assertThat(http.post("/api/plots/plot-a/diary", Map.of("date", D.toString(), "operation", "OTHER"), "htx-b")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void theListingFeedShowsNoDraft() {
        String province = ok(http.get("/api/listing?format=csv"), 200).text();
        assertThat(province).contains("PUB-1").doesNotContain("DRAFT-");
        assertThat(ok(http.get("/api/listing", "htx-b"), 200).text())
                .as("not even to the drafts' own cooperative")
                .doesNotContain("DRAFT-");
    }

    @Test
    void publishingADraftOpensItsStory() {
        long draft = batch("vo.minh.em", GTIN_B, "DRAFT-3", CODE_B, (Long) IDS.get("cert-b"), false);
        assertThat(http.get("/api/batches/" + draft).status()).isEqualTo(404);
        assertThat(http.post("/api/batches/" + draft + "/publication", null, "op-b")
                        .status())
                .as("an operator does not publish")
                .isEqualTo(403);
        try {
            JsonNode published = ok(http.post("/api/batches/" + draft + "/publication", null, "htx-b"), 200)
                    .body();
            assertThat(published.get("published").booleanValue()).isTrue();
            assertThat(http.get("/api/batches/" + draft).status()).isEqualTo(200);
            assertThat(http.get("/api/codes/" + CODE_B).status())
                    .as("its code is now public")
                    .isEqualTo(200);
        } finally {
            unpublishHtxB();
        }
    }
}
