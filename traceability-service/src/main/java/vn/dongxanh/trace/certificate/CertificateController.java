package vn.dongxanh.trace.certificate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.trace.growingarea.GrowingAreaProperties;
import vn.dongxanh.trace.security.Access;
import vn.dongxanh.trace.security.Actor;
import vn.dongxanh.trace.web.Refusal;

/** Certificates over HTTP: issuers register them and change their state; read with their status today ({@link Access}). */
@RestController
public class CertificateController {
    private final CertificateService certificates;
    private final Access access;
    private final CertificateProperties props;
    private final GrowingAreaProperties zone;
    private final Clock clock;

    public CertificateController(
            CertificateService certificates,
            Access access,
            CertificateProperties props,
            GrowingAreaProperties zone,
            Clock clock) {
        this.certificates = certificates;
        this.access = access;
        this.props = props;
        this.zone = zone;
        this.clock = clock;
    }

    /** A state change with its reason. */
    public record StateChange(String state, String reason) {}

    @PostMapping("/api/certificates")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, Object> register(@RequestBody CertificateService.NewCertificate c, Authentication auth) {
        Actor actor = access.require(auth, PlatformRole.CERTIFICATION_BODY, PlatformRole.DEPARTMENT_OFFICER);
        return view(certificates.register(actor, c));
    }

    @PostMapping("/api/certificates/{id}/state")
    public Map<String, Object> changeState(
            @PathVariable long id, @RequestBody StateChange change, Authentication auth) {
        Actor actor = access.require(auth, PlatformRole.CERTIFICATION_BODY, PlatformRole.DEPARTMENT_OFFICER);
        access.changeCertificate(actor, auth, id);
        return view(certificates.changeState(actor, id, change.state(), change.reason()));
    }

    @GetMapping("/api/certificates/{id}")
    public Map<String, Object> get(@PathVariable long id, Authentication auth) {
        access.readCertificate(auth, id);
        return view(certificates.find(id).orElseThrow(() -> Refusal.notFound("no certificate " + id)));
    }

    /** The certificates covering a code (its holder's, for its crop or plots): the department and the code's cooperative. */
    @GetMapping("/api/codes/{code}/certificates")
    public List<Map<String, Object>> ofCode(@PathVariable String code, Authentication auth) {
        access.readCodePapers(auth, code);
        return certificates.ofCode(code).stream().map(this::view).toList();
    }

    private Map<String, Object> view(Certificate c) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", c.id());
        body.put("scheme", c.scheme().name());
        body.put("number", c.number());
        c.ggn().ifPresent(g -> body.put("ggn", g));
        body.put("holder", c.holderId());
        body.put("issuer", c.issuerId());
        c.issuerName().ifPresent(n -> body.put("issuerName", n));
        c.stars().ifPresent(s -> body.put("stars", s));
        body.put("validFrom", c.validFrom().toString());
        body.put("validTo", c.validTo().toString());
        body.put("status", c.statusOn(LocalDate.now(clock.withZone(zone.zone())), props.expiringDays()));
        body.put("crops", c.crops());
        body.put("plots", c.plots());
        body.put("products", c.products());
        body.put("warnings", c.warnings());
        body.put("recordId", c.recordId());
        return body;
    }
}
