package vn.dongxanh.trace.epcis;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.trace.security.Access;
import vn.dongxanh.trace.security.Actor;
import vn.dongxanh.trace.web.Refusal;

/**
 * EPCIS 2.0 capture (a cooperative's manager about its own lots and lots shipped to it, the
 * department about any): 202 with the capture job, polled at its Location by whoever may capture
 * and acts for the same organisation (the department: any job). Query by identifier in any of its
 * equivalent forms, or by GTIN and lot (a lot's owners, and anyone once its batch is published;
 * see {@link Access}). Capture takes an EPCIS 2.0 document as JSON(-LD), or as XML ({@code
 * application/xml}, {@code text/xml}; namespace {@code urn:epcglobal:epcis:xsd:2}), which {@link
 * EpcisXml} reads into the same JSON-LD events: the same checks, ownership, storage and event hash
 * follow. XML that is malformed, has a DOCTYPE, or is not an EPCIS 2.0 document is a 400; another
 * content type a 415.
 */
@RestController
public class EpcisController {
    private static final String CAPTURE = "/api/epcis/capture";

    private final EpcisService epcis;
    private final CaptureJobs jobs;
    private final Access access;

    public EpcisController(EpcisService epcis, CaptureJobs jobs, Access access) {
        this.epcis = epcis;
        this.jobs = jobs;
        this.access = access;
    }

    @PostMapping(
            value = CAPTURE,
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/ld+json"})
    public ResponseEntity<Map<String, Object>> capture(@RequestBody JsonNode document, Authentication auth) {
        return accepted(epcis.capture(
                access.require(auth, PlatformRole.COOP_MANAGER, PlatformRole.DEPARTMENT_OFFICER), document));
    }

    /** The same capture from an EPCIS 2.0 XML document; the caller is checked before its XML is parsed. */
    @PostMapping(
            value = CAPTURE,
            consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
    public ResponseEntity<Map<String, Object>> captureXml(@RequestBody byte[] document, Authentication auth) {
        Actor actor = access.require(auth, PlatformRole.COOP_MANAGER, PlatformRole.DEPARTMENT_OFFICER);
        return accepted(epcis.capture(actor, EpcisXml.read(document)));
    }

    private static ResponseEntity<Map<String, Object>> accepted(CaptureJobs.Job job) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create(CAPTURE + "/" + job.id()))
                .header("GS1-EPCIS-Version", "2.0.0")
                .header("GS1-CBV-Version", "2.0.0")
                .body(job.view());
    }

    @GetMapping(value = CAPTURE + "/{captureId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> captureJob(@PathVariable String captureId, Authentication auth) {
        Actor actor = access.require(auth, PlatformRole.COOP_MANAGER, PlatformRole.DEPARTMENT_OFFICER);
        UUID id;
        try {
            id = UUID.fromString(captureId);
        } catch (IllegalArgumentException e) {
            throw Refusal.notFound("no capture " + captureId);
        }
        CaptureJobs.Job job = jobs.find(id)
                .filter(j -> actor.has(PlatformRole.DEPARTMENT_OFFICER)
                        || j.capturedBy().equals(actor.name())
                        || (j.organisation() != null
                                && actor.organisation()
                                        .map(j.organisation()::equals)
                                        .orElse(false)))
                .orElseThrow(() -> Refusal.notFound("no capture " + captureId));
        return job.view();
    }

    /**
     * The events naming an identifier ({@code epc}: Digital Link URI, EPC URN, …) or a lot ({@code
     * gtin} of 8 to 14 digits and {@code lot}).
     */
    @GetMapping(
            value = "/api/epcis/events",
            produces = {"application/ld+json", MediaType.APPLICATION_JSON_VALUE})
    public ObjectNode events(
            @RequestParam(required = false) String epc,
            @RequestParam(required = false) String gtin,
            @RequestParam(required = false) String lot,
            Authentication auth) {
        String key;
        if (epc != null && !epc.isBlank()) {
            key = epcis.identifiers().canonical(epc);
        } else if (gtin != null && lot != null && !lot.isBlank()) {
            try {
                key = epcis.identifiers().canonical(gtin, lot);
            } catch (IllegalArgumentException e) {
                throw Refusal.field("gtin", e.getMessage());
            }
        } else {
            Refusal r = Refusal.badRequest("give epc (a Digital Link URI or an EPC URN), or gtin and lot");
            r.getBody().setProperty("pointer", epc == null && gtin == null ? "/epc" : gtin == null ? "/gtin" : "/lot");
            throw r;
        }
        access.readEpc(auth, key);
        return epcis.export(key);
    }
}
