package vn.dongxanh.devkit.province;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.Json;
import vn.dongxanh.devkit.province.SeededProvince.Batch;
import vn.dongxanh.devkit.province.SeededProvince.Code;
import vn.dongxanh.devkit.province.SeededProvince.DiaryEntry;
import vn.dongxanh.devkit.province.SeededProvince.Expected;

/**
 * Writes a {@link SeededProvince} through traceability-service's HTTP API, each write by the
 * person whose job it is: the department registers the organisations and moves the codes, the
 * certification body issues and withdraws certificates, each cooperative's manager maps its plots,
 * applies for its codes, keeps its diaries and declares its batches, and anonymous buyers read a
 * label. Writes that do not depend on each other go a few at a time. Every write must succeed (an
 * organisation already there excepted), or the writing stops with the service's answer. What the
 * plan plants in the database ({@link SeededProvince#inDatabase()}) is not written here.
 */
public final class ProvinceWriter {
    /** Who writes: a Bearer token for each role (fetched before the writes that use them run side by side). */
    public interface People {
        String department() throws IOException, InterruptedException;

        String certificationBody() throws IOException, InterruptedException;

        String managerOf(String cooperative) throws IOException, InterruptedException;
    }

    /**
     * The ids the service gave: batches and their records by lot, certificates by number.
     */
    public record Written(Map<String, Long> batches, Map<String, Long> batchRecords, Map<String, Long> certificates) {
        public Written {
            batches = Map.copyOf(batches);
            batchRecords = Map.copyOf(batchRecords);
            certificates = Map.copyOf(certificates);
        }

        /** The subject of an expected finding as the audit names it ({@code batch/42}, {@code plot/g-p0007}, …). */
        public String subject(Expected e) {
            return switch (e.subject()) {
                case CODE -> "code/" + e.key();
                case PLOT -> "plot/" + e.key();
                case BATCH -> "batch/" + id(batches, e.key());
                case CERTIFICATE -> "certificate/" + id(certificates, e.key());
                case BATCH_RECORD -> "record/" + id(batchRecords, e.key());
            };
        }

        /** {@code KIND subject} of an expected finding, the way a test compares it with the audit's. */
        public String finding(Expected e) {
            return e.kind() + " " + subject(e);
        }

        private static long id(Map<String, Long> ids, String key) {
            Long id = ids.get(key);
            if (id == null) throw new IllegalArgumentException(key + " was not written");
            return id;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final People people;
    private final int parallelism;

    /**
     * @param baseUrl traceability-service's base URL
     * @param parallelism how many writes at once, where they do not depend on each other
     */
    public ProvinceWriter(String baseUrl, People people, int parallelism) {
        this.baseUrl = baseUrl;
        this.people = people;
        this.parallelism = Math.max(1, parallelism);
    }

    /** Whether the plan's last batch is there already (a previous run wrote the province). */
    public boolean written(SeededProvince province) throws IOException, InterruptedException {
        Batch last = province.batches().getLast();
        Reply r = send("GET", "/api/codes/" + last.code() + "/batches", null, people.department());
        return r.status() == 200 && r.json().findValuesAsString("lot").contains(last.lot());
    }

    public Written write(SeededProvince province) throws IOException, InterruptedException {
        String department = people.department();
        String certificationBody = people.certificationBody();
        Map<String, String> managers = new HashMap<>();
        for (var c : province.organisations().cooperatives()) managers.put(c.id(), people.managerOf(c.id()));

        var orgs = province.organisations();
        organisation(orgs.department(), "DEPARTMENT", "Sở Nông nghiệp và Môi trường", department);
        organisation(orgs.certificationBody(), "CERTIFICATION_BODY", "Tổ chức chứng nhận VietGAP", department);
        for (var c : orgs.cooperatives()) organisation(c.id(), "COOPERATIVE", c.name(), department);

        Map<String, Long> certificates = new ConcurrentHashMap<>();
        Map<String, Long> batches = new ConcurrentHashMap<>();
        Map<String, Long> records = new ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(parallelism)) {
            List<Callable<Object>> calls = new ArrayList<>();
            for (var p : province.products()) {
                calls.add(() -> created(
                        "/api/products",
                        Map.of("gtin", p.gtin(), "name", p.name(), "crop", p.crop()),
                        managers.get(p.cooperative())));
            }
            for (var p : province.plots()) {
                calls.add(() -> created(
                        "/api/plots",
                        Map.of("id", p.id(), "name", "Ruộng " + p.id(), "crop", p.crop(), "geometry", p.geometry()),
                        managers.get(p.cooperative())));
            }
            for (var c : province.certificates()) {
                calls.add(() -> certificates.put(
                        c.number(),
                        created(
                                        "/api/certificates",
                                        Map.of(
                                                "scheme", "VIETGAP",
                                                "number", c.number(),
                                                "holderId", c.holder(),
                                                "issuerName", "Tổ chức chứng nhận VietGAP",
                                                "validFrom", c.validFrom().toString(),
                                                "validTo", c.validTo().toString(),
                                                "crops", c.crops()),
                                        certificationBody)
                                .path("id")
                                .asLong()));
            }
            all(pool, calls);

            calls.clear();
            for (Code c : province.codes()) {
                calls.add(() -> {
                    created(
                            "/api/codes",
                            Map.of(
                                    "code", c.code(),
                                    "crop", c.crop(),
                                    "plotIds", c.plots(),
                                    "applicationDate", c.applied().toString()),
                            managers.get(c.cooperative()));
                    status(c.code(), "UNDER_INSPECTION", c.inspected(), "hồ sơ đầy đủ, kiểm tra thực địa", department);
                    return status(c.code(), "ISSUED", c.issued(), "đạt yêu cầu", department);
                });
            }
            for (DiaryEntry e : province.diary()) calls.add(() -> diary(e, managers));
            all(pool, calls);

            calls.clear();
            for (Batch b : province.batches()) {
                calls.add(() -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("gtin", b.gtin());
                    body.put("lot", b.lot());
                    body.put("code", b.code());
                    body.put("harvestDate", b.harvest().toString());
                    body.put("quantityKg", b.quantityKg());
                    body.put(
                            "certificateIds",
                            b.certificates().stream().map(certificates::get).toList());
                    JsonNode batch = created("/api/batches", body, managers.get(b.cooperative()));
                    batches.put(b.lot(), batch.path("id").asLong());
                    return records.put(b.lot(), batch.path("recordId").asLong());
                });
            }
            all(pool, calls);
        }

        for (SeededProvince.Step step : province.afterwards()) {
            switch (step) {
                case SeededProvince.Suspension s ->
                    status(s.code(), "SUSPENDED", s.effective(), s.reason(), department);
                case SeededProvince.Withdrawal w ->
                    created(
                            "/api/certificates/" + certificates.get(w.certificate()) + "/state",
                            Map.of("state", "WITHDRAWN", "reason", w.reason()),
                            certificationBody);
                case SeededProvince.LateEntry l -> diary(l.entry(), managers);
                case SeededProvince.Scans s -> {
                    for (int i = 0; i < s.times(); i++) {
                        Reply r = send("GET", "/api/lots/" + s.gtin() + "/" + s.lot() + "/story", null, null);
                        if (r.status() != 200) throw refused("GET", "/api/lots/…/story of " + s.lot(), null, r);
                    }
                }
            }
        }
        return new Written(batches, records, certificates);
    }

    private void organisation(String id, String kind, String name, String token)
            throws IOException, InterruptedException {
        Map<String, Object> body = Map.of("id", id, "kind", kind, "name", name);
        Reply r = send("POST", "/api/organisations", body, token);
        // the department and the certification body may be registered already (./dx run's own seed)
        if (r.status() != 201 && r.status() != 409) throw refused("POST", "/api/organisations", body, r);
    }

    private JsonNode status(String code, String status, java.time.LocalDate effective, String reason, String token)
            throws IOException, InterruptedException {
        return created(
                "/api/codes/" + code + "/status",
                Map.of("status", status, "reason", reason, "effectiveDate", effective.toString()),
                token);
    }

    private JsonNode diary(DiaryEntry e, Map<String, String> managers) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("date", e.date().toString());
        body.put("operation", e.operation());
        if (e.productName() != null) body.put("productName", e.productName());
        if (e.activeIngredients() != null) body.put("activeIngredients", e.activeIngredients());
        if (e.phiDays() != null) body.put("phiDays", e.phiDays());
        if (e.target() != null) body.put("target", e.target());
        if (e.notes() != null) body.put("notes", e.notes());
        return created("/api/plots/" + e.plot() + "/diary", body, managers.get(e.cooperative()));
    }

    /** A POST that must succeed (200 or 201); its answer. */
    private JsonNode created(String path, Object body, String token) throws IOException, InterruptedException {
        Reply r = send("POST", path, body, token);
        if (r.status() != 200 && r.status() != 201) throw refused("POST", path, body, r);
        return r.json();
    }

    private IllegalStateException refused(String method, String path, Object body, Reply r) {
        return new IllegalStateException("writing the seeded province: " + method + " " + baseUrl + path
                + (body == null ? "" : " with " + Json.MAPPER.writeValueAsString(body)) + " was answered "
                + r.status() + ": " + r.body());
    }

    private record Reply(int status, String body) {
        JsonNode json() {
            return body.isBlank() ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(body);
        }
    }

    private Reply send(String method, String path, Object body, String token) throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(TIMEOUT)
                .header("Accept", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body)));
        }
        var r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    /** Runs the calls a few at a time and waits for all; the first failure stops the writing. */
    private static void all(ExecutorService pool, List<Callable<Object>> calls)
            throws IOException, InterruptedException {
        List<Future<Object>> futures = new ArrayList<>();
        for (var c : calls) futures.add(pool.submit(c));
        try {
            for (var f : futures) f.get();
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        }
    }
}
