package vn.dongxanh.trace.organisation;

import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.trace.security.Access;
import vn.dongxanh.trace.web.Refusal;

/** Organisations acting in the records: the department registers them; see {@link Access} for who reads them. */
@RestController
@RequestMapping("/api/organisations")
public class OrganisationController {
    private static final List<String> KINDS = List.of("COOPERATIVE", "DEPARTMENT", "CERTIFICATION_BODY");

    private final JdbcClient jdbc;
    private final Access access;
    private final OrganisationRecords records;

    public OrganisationController(JdbcClient jdbc, Access access, OrganisationRecords records) {
        this.jdbc = jdbc;
        this.access = access;
        this.records = records;
    }

    /** A new organisation. */
    public record NewOrganisation(String id, String kind, String name) {}

    /** The organisation and its first record (what buyers are told about it), in one transaction. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    public Map<String, Object> create(@RequestBody NewOrganisation org, Authentication auth) {
        access.require(auth, PlatformRole.DEPARTMENT_OFFICER);
        if (org.id() == null || !org.id().matches("^[a-z0-9][a-z0-9_-]{0,62}$")) {
            throw Refusal.badRequest("field 'id' must be 1-63 of a-z, 0-9, '-', '_'");
        }
        if (org.kind() == null || !KINDS.contains(org.kind())) {
            throw Refusal.badRequest("field 'kind' must be one of " + KINDS + ", not " + org.kind());
        }
        if (org.name() == null || org.name().isBlank()) {
            throw Refusal.badRequest("field 'name' is required");
        }
        try {
            jdbc.sql("insert into organisation (id, kind, name) values (?, ?, ?)")
                    .params(org.id(), org.kind(), org.name().strip())
                    .update();
        } catch (DuplicateKeyException e) {
            throw Refusal.conflict("duplicate", "organisation " + org.id() + " exists");
        }
        records.record(org.id());
        return find(org.id());
    }

    /** A change of an organisation's name, by the department. */
    public record OrganisationChange(String name) {}

    /**
     * Renames an organisation: the row changes and a new record of it is made, so the lot pages
     * naming it tell the new name and keep the old one as history. The same name makes no record.
     */
    @PutMapping("/{id}")
    @Transactional
    public Map<String, Object> change(
            @PathVariable String id, @RequestBody OrganisationChange change, Authentication auth) {
        access.require(auth, PlatformRole.DEPARTMENT_OFFICER);
        Map<String, Object> current = find(id);
        if (change.name() == null || change.name().isBlank()) {
            throw Refusal.badRequest("field 'name' is required");
        }
        String name = change.name().strip();
        if (name.equals(current.get("name"))) {
            return current;
        }
        jdbc.sql("update organisation set name = ? where id = ?")
                .params(name, id)
                .update();
        records.record(id);
        return find(id);
    }

    @GetMapping("/{id}")
    public Map<String, Object> get(@PathVariable String id, Authentication auth) {
        access.readOrganisation(auth, id);
        return find(id);
    }

    private Map<String, Object> find(String id) {
        return jdbc.sql("select id, kind, name from organisation where id = ?").param(id).query().listOfRows().stream()
                .findFirst()
                .orElseThrow(() -> Refusal.notFound("no organisation " + id));
    }
}
