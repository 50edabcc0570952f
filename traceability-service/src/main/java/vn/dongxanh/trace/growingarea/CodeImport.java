package vn.dongxanh.trace.growingarea;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dongxanh.trace.security.Actor;
import vn.dongxanh.trace.web.Constraints;
import vn.dongxanh.trace.web.Refusal;
import vn.dongxanh.trace.web.RequestSizeLimit;

/**
 * Codes the department issued on paper before the register, entered from its spreadsheet as CSV
 * (docs/register-import.md): one row per plot, the rows of one code agreeing on its cooperative,
 * crop, commune and issue date. Every field of every row is checked first and each refusal
 * reported; then each code whose rows all passed goes, whole or not at all (a savepoint of its
 * own: a code a service refuses is undone, the others kept), through the same services as a code
 * applied for and issued through the API: its plots registered, the application,
 * UNDER_INSPECTION and ISSUED, all effective on the day it was issued on paper. The request's
 * transaction is the audit log's ({@code AuditFilter}), committed once the answer is ready. A dry
 * run does exactly the same inside one more savepoint that is rolled back, so its report is the
 * real run's (codes of the file overlapping each other included) and nothing is left written.
 */
@Service
public class CodeImport {
    /** The columns of the file, in the order the docs give them (any order is read). */
    public static final List<String> COLUMNS =
            List.of("code", "cooperative", "crop", "commune", "issuedOn", "plotId", "plotName", "geometry");

    private static final String ISSUE_REASON =
            "issued on paper before the register; imported from the department's spreadsheet of legacy codes";

    private final CodeRegister codes;
    private final PlotService plots;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RegisterProperties register;
    private final PlatformTransactionManager transactions;

    public CodeImport(
            CodeRegister codes,
            PlotService plots,
            JdbcClient jdbc,
            JsonMapper json,
            RegisterProperties register,
            PlatformTransactionManager transactions) {
        this.codes = codes;
        this.plots = plots;
        this.jdbc = jdbc;
        this.json = json;
        this.register = register;
        this.transactions = transactions;
    }

    /** A row not imported: its line in the file (the header is line 1), its code, the column at fault and why. */
    public record Refused(int line, String code, String column, String reason) {}

    /**
     * What an import did (or, on a dry run, would do): rows read, the codes imported, every row
     * refused in line order.
     */
    public record Report(
            boolean dryRun,
            int rowsRead,
            int codesRead,
            int codesImported,
            List<String> imported,
            List<Refused> refused) {}

    /** One data row of the file as read, and what its checks made of it. */
    private static final class Row {
        final int line;
        final Map<String, String> values = new HashMap<>();
        final List<Refused> refused = new ArrayList<>();
        LocalDate issuedOn;
        JsonNode geometry;
        Geometry polygon;

        Row(int line) {
            this.line = line;
        }

        String get(String column) {
            return values.getOrDefault(column, "");
        }

        String code() {
            return get("code");
        }

        void refuse(String column, String reason) {
            refused.add(new Refused(line, code(), column, reason));
        }
    }

    /** A plot of a live code, its polygon parsed once for the whole file. */
    private record LivePlot(String id, Geometry polygon) {}

    public Report importCsv(Actor actor, Reader body, boolean dryRun) {
        List<Row> rows = read(body);
        check(rows);
        Map<String, List<Row>> byCode = new LinkedHashMap<>();
        for (Row row : rows) {
            if (!row.code().isEmpty())
                byCode.computeIfAbsent(row.code(), c -> new ArrayList<>()).add(row);
        }
        List<String> imported = new ArrayList<>();
        TransactionTemplate perCode = new TransactionTemplate(transactions);
        perCode.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        Runnable all = () -> {
            for (var entry : byCode.entrySet()) {
                List<Row> group = entry.getValue();
                if (group.stream().allMatch(r -> r.refused.isEmpty()) && enter(actor, perCode, group)) {
                    imported.add(entry.getKey());
                }
                notImported(group);
            }
        };
        if (dryRun) {
            // a savepoint in the request's transaction (the audit log's), rolled back: the register is
            // left as it was, the request itself still logged
            TransactionTemplate whole = new TransactionTemplate(transactions);
            whole.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
            whole.executeWithoutResult(status -> {
                all.run();
                status.setRollbackOnly();
            });
        } else {
            all.run();
        }
        List<Refused> refused = rows.stream()
                .flatMap(r -> r.refused.stream())
                .sorted(Comparator.comparingInt(Refused::line).thenComparing(r -> COLUMNS.indexOf(r.column())))
                .toList();
        return new Report(dryRun, rows.size(), byCode.size(), imported.size(), imported, refused);
    }

    // ---- reading -------------------------------------------------------------------------------

    private List<Row> read(Reader body) {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(true)
                // a blank line is a row of nothing, skipped below, so line numbers stay the file's
                .setIgnoreEmptyLines(false)
                .get();
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = format.parse(withoutBom(body))) {
            List<String> header =
                    parser.getHeaderNames().stream().map(String::strip).toList();
            checkHeader(header);
            for (CSVRecord record : parser) {
                if (record.stream().allMatch(v -> v == null || v.isBlank())) continue;
                if (rows.size() >= register.importMaxRows()) {
                    throw new Refusal(
                            HttpStatus.CONTENT_TOO_LARGE,
                            "too-many-rows",
                            "the file has more than " + register.importMaxRows()
                                    + " rows; an import takes at most that many (dx.trace.register.import-max-rows):"
                                    + " split the file");
                }
                Row row = new Row((int) record.getRecordNumber() + 1);
                for (int i = 0; i < header.size() && i < record.size(); i++) {
                    row.values.put(header.get(i), record.get(i).strip());
                }
                if (record.size() != header.size()) {
                    row.refuse(
                            "code",
                            "the row has " + record.size() + " columns, the header " + header.size()
                                    + "; is a comma inside a value that is not in double quotes?");
                }
                rows.add(row);
            }
        } catch (UncheckedIOException | IOException | IllegalStateException | IllegalArgumentException e) {
            // IllegalArgumentException: a header naming a column twice, as Commons CSV finds it
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof RequestSizeLimit.TooLarge tooLarge) {
                    throw new Refusal(HttpStatus.CONTENT_TOO_LARGE, "content-too-large", tooLarge.getMessage());
                }
            }
            throw Refusal.badRequest("the file is not readable CSV (RFC 4180): " + e.getMessage());
        }
        return rows;
    }

    /** Excel writes UTF-8 CSV with a byte order mark; it is not part of the first column's name. */
    private static Reader withoutBom(Reader body) throws IOException {
        java.io.PushbackReader in = new java.io.PushbackReader(body, 1);
        int first = in.read();
        if (first != -1 && first != '\uFEFF') in.unread(first);
        return in;
    }

    private static void checkHeader(List<String> header) {
        if (header.isEmpty()) {
            throw Refusal.badRequest(
                    "the file is empty; its first line names the columns " + String.join(",", COLUMNS));
        }
        List<String> missing = COLUMNS.stream().filter(c -> !header.contains(c)).toList();
        List<String> unknown = header.stream().filter(c -> !COLUMNS.contains(c)).toList();
        if (!missing.isEmpty() || !unknown.isEmpty() || header.size() != COLUMNS.size()) {
            throw Refusal.badRequest("the first line must name the columns " + String.join(",", COLUMNS)
                    + " (in any order, each once)"
                    + (missing.isEmpty() ? "" : "; missing: " + String.join(",", missing))
                    + (unknown.isEmpty() ? "" : "; not columns of an import: " + String.join(",", unknown))
                    + (missing.isEmpty() && unknown.isEmpty() ? "; a column is named twice" : ""));
        }
    }

    // ---- checking every row and field ---------------------------------------------------------

    private void check(List<Row> rows) {
        LocalDate today = codes.today();
        Map<String, Optional<String>> kinds = new HashMap<>();
        Map<String, Integer> plotLines = new HashMap<>();
        STRtree live = null;
        for (Row row : rows) {
            checkCode(row);
            String coop = row.get("cooperative");
            if (coop.isEmpty()) {
                row.refuse("cooperative", "empty: the cooperative's id in the register, such as htx-a");
            } else {
                Optional<String> kind = kinds.computeIfAbsent(coop, this::kindOf);
                if (kind.isEmpty()) {
                    row.refuse("cooperative", "no organisation '" + coop + "' in the register; is the id right?");
                } else if (!kind.get().equals("COOPERATIVE")) {
                    row.refuse("cooperative", "'" + coop + "' is a " + kind.get() + ", not a cooperative");
                }
            }
            String crop = row.get("crop");
            if (crop.isEmpty()) {
                row.refuse("crop", "empty: the crop's id, such as rice");
            } else if (!crop.matches(PlotService.CROP_FORM)) {
                row.refuse(
                        "crop",
                        "'" + crop + "' is not a crop id: lower-case letters without accents, digits, '-' and '_',"
                                + " such as rice or leafy-greens");
            }
            try {
                CodeRegister.commune(row.get("commune"));
            } catch (Refusal r) {
                row.refuse("commune", reason(r));
            }
            String issued = row.get("issuedOn");
            if (issued.isEmpty()) {
                row.refuse("issuedOn", "empty: the day the code was issued on paper, as YYYY-MM-DD");
            } else {
                try {
                    row.issuedOn = LocalDate.parse(issued);
                    if (row.issuedOn.isAfter(today)) {
                        row.refuse("issuedOn", issued + " is in the future (today is " + today + ")");
                    }
                } catch (DateTimeParseException e) {
                    row.refuse("issuedOn", "'" + issued + "' is not a date written YYYY-MM-DD, such as 2019-03-12");
                }
            }
            String plotId = row.get("plotId");
            if (plotId.isEmpty()) {
                row.refuse("plotId", "empty: every row is one plot, with its id");
            } else if (!plotId.matches(PlotService.ID_FORM)) {
                row.refuse(
                        "plotId",
                        "'" + plotId + "' is not a plot id: 1 to 63 lower-case letters without accents, digits, '-'"
                                + " and '_'");
            } else if (plotLines.containsKey(plotId)) {
                row.refuse("plotId", "plot " + plotId + " is also on line " + plotLines.get(plotId));
            } else if (plots.find(plotId).isPresent()) {
                row.refuse("plotId", "plot " + plotId + " is already registered");
            }
            plotLines.putIfAbsent(plotId, row.line);
            if (row.get("plotName").isEmpty()) {
                row.refuse("plotName", "empty: the plot's name, as the cooperative calls it");
            }
            if (checkGeometry(row)) {
                if (live == null) live = livePlots();
                checkOverlap(row, live);
            }
        }
        checkAgreement(rows);
    }

    private void checkCode(Row row) {
        String code = row.code();
        if (code.isEmpty()) {
            row.refuse("code", "empty: every row names the code its plot belongs to");
            return;
        }
        try {
            codes.checkFormat(code);
        } catch (Refusal r) {
            row.refuse("code", reason(r));
            return;
        }
        if (codes.find(code).isPresent()) {
            row.refuse("code", code + " is already in the register");
        }
    }

    /** The polygon parsed and passing the plot's own checks (area, validity, province); false otherwise. */
    private boolean checkGeometry(Row row) {
        String text = row.get("geometry");
        if (text.isEmpty()) {
            row.refuse("geometry", "empty: the plot's outline, a GeoJSON Polygon");
            return false;
        }
        try {
            row.geometry = json.readTree(text);
        } catch (JacksonException e) {
            row.refuse(
                    "geometry",
                    "not GeoJSON (not even JSON): " + e.getOriginalMessage()
                            + "; write it as {\"type\":\"Polygon\",\"coordinates\":[[[lon,lat],...]]}");
            return false;
        }
        try {
            plots.surveyedArea(row.geometry);
        } catch (Refusal r) {
            row.refuse("geometry", reason(r).replaceFirst("^geometry: ", ""));
            return false;
        }
        row.polygon = PlotGeometry.parse(row.geometry);
        return true;
    }

    /** Every plot of every live code, indexed by its envelope: read once per file, asked once per row. */
    private STRtree livePlots() {
        STRtree index = new STRtree();
        for (Plot p : plots.inLiveCodes()) {
            Geometry polygon = PlotGeometry.parse(p.geometry());
            index.insert(polygon.getEnvelopeInternal(), new LivePlot(p.id(), polygon));
        }
        return index;
    }

    private void checkOverlap(Row row, STRtree live) {
        @SuppressWarnings("unchecked")
        List<LivePlot> near = live.query(row.polygon.getEnvelopeInternal());
        for (LivePlot other : near) {
            if (CodeRegister.overlap(row.polygon, other.polygon())) {
                row.refuse(
                        "geometry",
                        "overlaps plot " + other.id() + " of code " + String.join(", ", plots.codesOf(other.id()))
                                + ", which is live");
                return;
            }
        }
    }

    /** The rows of one code name the same cooperative, crop, commune and issue day as its first row. */
    private static void checkAgreement(List<Row> rows) {
        Map<String, Row> first = new HashMap<>();
        for (Row row : rows) {
            if (row.code().isEmpty()) continue;
            Row head = first.putIfAbsent(row.code(), row);
            if (head == null) continue;
            for (String column : List.of("cooperative", "crop", "commune", "issuedOn")) {
                if (!Objects.equals(same(column, head.get(column)), same(column, row.get(column)))) {
                    row.refuse(
                            column,
                            "'" + row.get(column) + "' but the first row of " + row.code() + " (line " + head.line
                                    + ") says '" + head.get(column) + "'; the rows of one code agree on it");
                }
            }
        }
    }

    private static String same(String column, String value) {
        if (!column.equals("commune")) return value;
        try {
            return CodeRegister.commune(value);
        } catch (Refusal r) {
            return value;
        }
    }

    private Optional<String> kindOf(String organisation) {
        return jdbc.sql("select kind from organisation where id = ?")
                .param(organisation)
                .query(String.class)
                .optional();
    }

    // ---- entering a code ---------------------------------------------------------------------

    /**
     * The code's plots, application and issue through the register's own services, in one
     * savepoint: all of it, or, when a service refuses, none of it and the refusal reported on the
     * row it names.
     */
    private boolean enter(Actor actor, TransactionTemplate perCode, List<Row> group) {
        Row head = group.getFirst();
        String org = head.get("cooperative");
        String crop = head.get("crop");
        try {
            perCode.executeWithoutResult(status -> {
                for (Row row : group) {
                    plots.registerFor(
                            org,
                            new PlotService.NewPlot(
                                    row.get("plotId"), org, row.get("plotName"), crop, row.geometry, null));
                }
                codes.applyFor(
                        actor,
                        org,
                        new CodeRegister.Application(
                                head.code(),
                                crop,
                                group.stream().map(r -> r.get("plotId")).toList(),
                                head.issuedOn,
                                head.get("commune")));
                for (CodeStatus to : List.of(CodeStatus.UNDER_INSPECTION, CodeStatus.ISSUED)) {
                    codes.changeStatus(
                            actor, head.code(), new CodeRegister.StatusChange(to, ISSUE_REASON, head.issuedOn, null));
                }
            });
            return true;
        } catch (Refusal r) {
            refusedByService(group, r);
        } catch (DataIntegrityViolationException e) {
            refusedByService(group, Constraints.refusal(e));
        }
        return false;
    }

    private static void refusedByService(List<Row> group, Refusal r) {
        String reason = reason(r);
        Row row = group.stream()
                .filter(g -> reason.matches(".*\\bplot " + java.util.regex.Pattern.quote(g.get("plotId")) + "\\b.*"))
                .findFirst()
                .orElse(group.getFirst());
        String column = switch (r.rule()) {
            case "code-format", "duplicate" -> reason.contains("plot ") ? "plotId" : "code";
            case "application-date", "effective-date" -> "issuedOn";
            case "crop-mismatch" -> "crop";
            case "plot-not-owned" -> "cooperative";
            default -> "geometry"; // overlap, plot in another code, area, minimum area
        };
        row.refuse(column, reason);
    }

    /** Rows of a code that is not imported because another of its rows is refused say so. */
    private static void notImported(List<Row> group) {
        TreeSet<Integer> bad = new TreeSet<>();
        for (Row row : group) if (!row.refused.isEmpty()) bad.add(row.line);
        if (bad.isEmpty()) return;
        for (Row row : group) {
            if (row.refused.isEmpty()) {
                row.refuse(
                        "code",
                        "not imported: " + row.code() + " has a refused row on line "
                                + bad.stream()
                                        .map(String::valueOf)
                                        .reduce((a, b) -> a + ", " + b)
                                        .orElseThrow()
                                + ", and a code is imported whole or not at all");
            }
        }
    }

    private static String reason(Refusal r) {
        return r.getBody().getDetail() == null ? r.getReason() : r.getBody().getDetail();
    }
}
