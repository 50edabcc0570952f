package vn.dongxanh.trace.finding;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.trace.security.Actor;
import vn.dongxanh.trace.web.Refusal;

/**
 * The files and photos of an inspection (docs/inspections.md): attached by the department while the
 * inspection is planned, listed by name, type, size and SHA-256 in the outcome's anchored record, so
 * the ledger commits to them as they were; read back by the department and the code's cooperative.
 */
@Service
public class InspectionFiles {
    private final JdbcClient jdbc;
    private final FindingsProperties props;

    public InspectionFiles(JdbcClient jdbc, FindingsProperties props) {
        this.jdbc = jdbc;
        this.props = props;
    }

    /** A file as listed (its bytes are read on their own, {@link #content}). */
    public record StoredFile(long id, long inspection, String name, String contentType, long size, String sha256) {}

    public record Content(StoredFile file, byte[] bytes) {}

    @Transactional
    public StoredFile attach(Actor actor, long inspection, String name, String contentType, byte[] bytes) {
        if (!actor.has(PlatformRole.DEPARTMENT_OFFICER)) {
            throw Refusal.forbidden("only the department attaches files to an inspection");
        }
        String state = jdbc.sql("select state from inspection where id = ? for update")
                .param(inspection)
                .query(String.class)
                .optional()
                .orElseThrow(() -> Refusal.notFound("no inspection " + inspection));
        if (!state.equals("PLANNED")) {
            throw Refusal.conflict(
                    "already-recorded",
                    "inspection " + inspection + " was recorded (" + state + "): its record lists its files for good");
        }
        String file = name == null ? "" : name.strip().replaceAll(".*[/\\\\]", ""); // a name, never a path
        if (file.isEmpty() || file.length() > 200) {
            throw Refusal.field("name", "the file's name, 1 to 200 characters, as ?name=photo-1.jpg");
        }
        String type =
                contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
        if (!props.inspectionFiles().types().contains(type)) {
            throw new Refusal(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "file-type",
                    "a file of type '" + type + "' is not taken; one of "
                            + props.inspectionFiles().types());
        }
        if (bytes == null || bytes.length == 0) throw Refusal.badRequest("the file is empty");
        if (bytes.length > props.inspectionFiles().maxBytes()) {
            throw new Refusal(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "file-too-large",
                    "the file has " + bytes.length + " bytes; at most "
                            + props.inspectionFiles().maxBytes() + " (dx.trace.findings.inspection-files.max-bytes)");
        }
        String sha = sha256(bytes);
        // the same file sent twice (a retried upload) is the file already there
        Optional<StoredFile> same =
                of(inspection).stream().filter(f -> f.sha256().equals(sha)).findFirst();
        if (same.isPresent()) return same.get();
        if (of(inspection).size() >= props.inspectionFiles().maxPerInspection()) {
            throw Refusal.conflict(
                    "too-many-files",
                    "inspection " + inspection + " has "
                            + props.inspectionFiles().maxPerInspection()
                            + " files already (dx.trace.findings.inspection-files.max-per-inspection)");
        }
        long id = jdbc.sql("""
                        insert into inspection_file (inspection_id, name, content_type, size_bytes, sha256, content)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(inspection, file, type, bytes.length, sha, bytes)
                .query(Long.class)
                .single();
        return new StoredFile(id, inspection, file, type, bytes.length, sha);
    }

    public List<StoredFile> of(long inspection) {
        return ofAll(List.of(inspection)).getOrDefault(inspection, List.of());
    }

    /** The files of several inspections at once, in the order attached. */
    public Map<Long, List<StoredFile>> ofAll(List<Long> inspections) {
        Map<Long, List<StoredFile>> out = new HashMap<>();
        if (inspections.isEmpty()) return out;
        jdbc.sql("""
                        select id, inspection_id, name, content_type, size_bytes, sha256 from inspection_file
                         where inspection_id = any(?) order by id""").param(inspections.toArray(Long[]::new)).query(rs -> {
            StoredFile f = new StoredFile(
                    rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6));
            out.computeIfAbsent(f.inspection(), k -> new ArrayList<>()).add(f);
        });
        return out;
    }

    public Optional<Content> content(long inspection, long file) {
        return jdbc.sql("""
                        select id, inspection_id, name, content_type, size_bytes, sha256, content from inspection_file
                         where inspection_id = ? and id = ?""")
                .params(inspection, file)
                .query((rs, i) -> new Content(
                        new StoredFile(
                                rs.getLong(1),
                                rs.getLong(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getLong(5),
                                rs.getString(6)),
                        rs.getBytes(7)))
                .optional();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
