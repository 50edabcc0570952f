package vn.dongxanh.trace.certificate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.trace.growingarea.GrowingAreaProperties;
import vn.dongxanh.trace.security.LocalUsers;
import vn.dongxanh.trace.web.Refusal;

/** Certificates over HTTP: issuers register and suspend them; anyone reads them with their status today. */
@RestController
public class CertificateController {
    private final CertificateService certificates;
    private final LocalUsers users;
    private final CertificateProperties props;
    private final GrowingAreaProperties zone;
    private final Clock clock;

    public CertificateController(
            CertificateService certificates,
            LocalUsers users,
            CertificateProperties props,
            GrowingAreaProperties zone,
            Clock clock) {
        this.certificates = certificates;
        this.users = users;
        this.props = props;
        this.zone = zone;
        this.clock = clock;
    }

    /** A state change with its reason. */
    public record StateChange(String state, String reason) {}

    @PostMapping("/api/certificates")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('CERTIFICATION_BODY', 'DEPARTMENT')")
    public Map<String, Object> register(@RequestBody CertificateService.NewCertificate c, Authentication auth) {
        return view(certificates.register(users.actor(auth), c));
    }

    @PostMapping("/api/certificates/{id}/state")
    @PreAuthorize("hasAnyRole('CERTIFICATION_BODY', 'DEPARTMENT')")
    public Map<String, Object> changeState(
            @PathVariable long id, @RequestBody StateChange change, Authentication auth) {
        return view(certificates.changeState(users.actor(auth), id, change.state(), change.reason()));
    }

    @GetMapping("/api/certificates/{id}")
    public Map<String, Object> get(@PathVariable long id) {
        return view(certificates.find(id).orElseThrow(() -> Refusal.notFound("no certificate " + id)));
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
