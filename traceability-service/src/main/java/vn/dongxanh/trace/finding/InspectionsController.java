package vn.dongxanh.trace.finding;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.trace.growingarea.CodeRegister;
import vn.dongxanh.trace.security.Access;
import vn.dongxanh.trace.security.Actor;
import vn.dongxanh.trace.web.Refusal;

/**
 * The inspection workflow over HTTP (docs/inspections.md): the department's plan, planning and
 * recording; the list for the department and for a code's cooperative.
 */
@RestController
class InspectionsController {
    private final Inspections inspections;
    private final InspectionFiles files;
    private final CodeRegister codes;
    private final Access access;

    InspectionsController(Inspections inspections, InspectionFiles files, CodeRegister codes, Access access) {
        this.inspections = inspections;
        this.files = files;
        this.codes = codes;
        this.access = access;
    }

    @GetMapping("/api/inspections/plan")
    @Operation(summary = "The open findings of codes, riskiest first: what to inspect next (the department)")
    @ApiResponse(responseCode = "200", description = "the plan")
    @ApiResponse(responseCode = "401", description = "not signed in")
    @ApiResponse(responseCode = "403", description = "not the department")
    public List<Inspections.Planned> plan(Authentication auth) {
        access.require(auth, PlatformRole.DEPARTMENT_OFFICER);
        return inspections.plan(codes.today());
    }

    @PostMapping("/api/inspections")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary =
                    "Plan the inspection of a finding of a code (the department); the finding is then under inspection")
    @ApiResponse(responseCode = "201", description = "the inspection, planned")
    @ApiResponse(responseCode = "400", description = "a field missing or a date in the past, named")
    @ApiResponse(responseCode = "401", description = "not signed in")
    @ApiResponse(responseCode = "403", description = "not the department")
    @ApiResponse(responseCode = "404", description = "the code has no such finding now")
    @ApiResponse(responseCode = "409", description = "an inspection of the finding is planned already")
    public Inspections.Inspection planOne(@RequestBody Inspections.Plan plan, Authentication auth) {
        Actor actor = access.require(auth, PlatformRole.DEPARTMENT_OFFICER);
        return inspections.plan(actor, plan, codes.today());
    }

    @PostMapping("/api/inspections/{id}/files")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Attach a file or photo to a planned inspection (the department)",
            description = "The body is the file, its Content-Type the file's (JPEG, PNG, WebP, HEIC or PDF by"
                    + " default), ?name= its name. Taken until the outcome is recorded; the outcome's record lists"
                    + " each file's name, type, size and SHA-256. The same file twice is the one already there.")
    @ApiResponse(responseCode = "201", description = "the file as stored: id, name, type, size, SHA-256")
    @ApiResponse(responseCode = "400", description = "no name, or an empty file")
    @ApiResponse(responseCode = "401", description = "not signed in")
    @ApiResponse(responseCode = "403", description = "not the department")
    @ApiResponse(responseCode = "404", description = "no such inspection")
    @ApiResponse(responseCode = "409", description = "recorded already, or as many files as allowed")
    @ApiResponse(responseCode = "413", description = "larger than allowed")
    @ApiResponse(responseCode = "415", description = "a type not taken")
    public InspectionFiles.StoredFile attach(
            @PathVariable long id,
            @RequestParam(required = false) String name,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String type,
            @RequestBody(required = false) byte[] file,
            Authentication auth) {
        Actor actor = access.require(auth, PlatformRole.DEPARTMENT_OFFICER);
        return files.attach(actor, id, name, type, file);
    }

    @GetMapping("/api/inspections/{id}/files/{file}")
    @Operation(summary = "A file of an inspection, as attached (the department and the code's cooperative)")
    @ApiResponse(responseCode = "200", description = "the file, as an attachment")
    @ApiResponse(responseCode = "401", description = "not signed in")
    @ApiResponse(responseCode = "403", description = "neither the department nor the code's cooperative")
    @ApiResponse(responseCode = "404", description = "no such inspection or file")
    public ResponseEntity<byte[]> file(@PathVariable long id, @PathVariable long file, Authentication auth) {
        access.require(auth, PlatformRole.DEPARTMENT_OFFICER, PlatformRole.COOP_MANAGER, PlatformRole.COOP_OPERATOR);
        Inspections.Inspection inspection =
                inspections.find(id).orElseThrow(() -> Refusal.notFound("no inspection " + id));
        access.readCodePapers(auth, inspection.code());
        InspectionFiles.Content c =
                files.content(id, file).orElseThrow(() -> Refusal.notFound("no file " + file + " of inspection " + id));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(c.file().contentType()))
                // never shown inline from this origin: an uploaded file is not a page
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(c.file().name(), java.nio.charset.StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .eTag("\"" + c.file().sha256() + "\"")
                .body(c.bytes());
    }

    @PostMapping("/api/inspections/{id}/outcome")
    @Operation(
            summary = "Record what an inspection found (the department): anchored as a record about the code",
            description = "inspectedOn, inspector (committed in the record, never shown in public), checklist,"
                    + " notes, outcome RESOLVED or ESCALATED, proposeSuspension (escalated only).")
    @ApiResponse(responseCode = "200", description = "the inspection, recorded")
    @ApiResponse(responseCode = "400", description = "a field missing or wrong, named")
    @ApiResponse(responseCode = "401", description = "not signed in")
    @ApiResponse(responseCode = "403", description = "not the department")
    @ApiResponse(responseCode = "404", description = "no such inspection")
    @ApiResponse(responseCode = "409", description = "recorded already")
    public Inspections.Inspection record(
            @PathVariable long id, @RequestBody Inspections.Outcome outcome, Authentication auth) {
        Actor actor = access.require(auth, PlatformRole.DEPARTMENT_OFFICER);
        return inspections.record(actor, id, outcome, codes.today());
    }

    @GetMapping("/api/inspections")
    @Operation(summary = "Inspections, newest first: the department's all (or of a code); a cooperative's of its codes")
    @ApiResponse(responseCode = "200", description = "the inspections")
    @ApiResponse(responseCode = "401", description = "not signed in")
    @ApiResponse(
            responseCode = "403",
            description = "neither the department nor a cooperative's user, or another's code")
    public List<Inspections.Inspection> list(@RequestParam(required = false) String code, Authentication auth) {
        Optional<String> cooperative = access.cooperativeScope(auth, Optional.empty());
        Optional<String> theCode =
                Optional.ofNullable(code).filter(c -> !c.isBlank()).map(String::strip);
        if (cooperative.isPresent()
                && theCode.isPresent()
                && !codes.find(theCode.get())
                        .map(c -> c.organisationId().equals(cooperative.get()))
                        .orElse(false)) {
            throw Refusal.forbidden("the inspections of code " + theCode.get() + " are its cooperative's");
        }
        return inspections.list(theCode, cooperative);
    }
}
