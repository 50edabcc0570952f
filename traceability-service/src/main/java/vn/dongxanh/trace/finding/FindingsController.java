package vn.dongxanh.trace.finding;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.trace.growingarea.CodeRegister;
import vn.dongxanh.trace.security.Access;
import vn.dongxanh.trace.web.Refusal;

/**
 * The audit's findings, computed when asked (docs/findings.md): the department's for the province,
 * a cooperative or a code; a cooperative's users for their own cooperative.
 */
@RestController
class FindingsController {
    private final Audit audit;
    private final CodeRegister codes;
    private final Access access;

    FindingsController(Audit audit, CodeRegister codes, Access access) {
        this.audit = audit;
        this.codes = codes;
        this.access = access;
    }

    @GetMapping("/api/findings")
    @Operation(
            summary = "Findings computed now from the evidence (the department; a cooperative: its own)",
            description = "Scope: 'code', or 'cooperative', or neither (the province); 'commune' keeps the findings"
                    + " on codes of that commune (and certificates of their cooperatives); 'kind' keeps one kind."
                    + " Each finding has its kind, severity, code, cooperative, subject, a sentence and its evidence.")
    @ApiResponse(responseCode = "200", description = "the findings, with counts by kind")
    @ApiResponse(responseCode = "400", description = "'kind' is not a kind of finding")
    @ApiResponse(responseCode = "401", description = "not signed in")
    @ApiResponse(
            responseCode = "403",
            description = "neither the department nor a cooperative's user, or another cooperative named")
    @ApiResponse(responseCode = "404", description = "no such code, or not the caller's")
    public Map<String, Object> findings(
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String cooperative,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String commune,
            Authentication auth) {
        Optional<String> theCode =
                Optional.ofNullable(code).filter(s -> !s.isBlank()).map(String::strip);
        Optional<String> coop = access.cooperativeScope(
                auth, Optional.ofNullable(cooperative).filter(s -> !s.isBlank()).map(String::strip));
        if (theCode.isPresent()) {
            access.readCode(auth, theCode.get());
            String owner = codes.find(theCode.get())
                    .map(c -> c.organisationId())
                    .orElseThrow(() -> Refusal.notFound("no code " + theCode.get()));
            if (coop.isPresent() && !coop.get().equals(owner)) {
                // a public code of another cooperative: its findings are that cooperative's and the department's
                throw Refusal.forbidden("the findings of code " + theCode.get() + " are its cooperative's");
            }
        }
        Optional<Finding.Kind> only = Optional.empty();
        if (kind != null && !kind.isBlank()) {
            try {
                only = Optional.of(Finding.Kind.valueOf(kind.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw Refusal.field(
                        "kind", "'" + kind + "' is not a kind of finding; one of " + List.of(Finding.Kind.values()));
            }
        }
        LocalDate today = codes.today();
        Optional<Finding.Kind> filter = only;
        Optional<String> theCommune = Optional.ofNullable(CodeRegister.commune(commune));
        Audit.Result result = audit.run(new Audit.Scope(theCode, coop, theCommune), today);
        List<Finding> found = result.findings().stream()
                .filter(f -> filter.map(f.kind()::equals).orElse(true))
                .toList();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Finding.Kind k : Finding.Kind.values()) {
            long n = found.stream().filter(f -> f.kind() == k).count();
            if (n > 0) counts.put(k.name(), n);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        theCode.ifPresent(c -> body.put("code", c));
        coop.ifPresent(c -> body.put("cooperative", c));
        theCommune.ifPresent(c -> body.put("commune", c));
        body.put("computedOn", today.toString());
        body.put("counts", counts);
        body.put("findings", found);
        // kinds the audit could not check now (ingest-service not answering): no finding of them proves nothing
        body.put("unchecked", result.unchecked());
        return body;
    }
}
