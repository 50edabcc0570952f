package vn.dongxanh.trace.epcis;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.trace.security.LocalUsers;

/**
 * EPCIS 2.0 capture (cooperatives about their own lots and lots shipped to them, the department
 * about any) and query by identifier (public).
 */
@RestController
public class EpcisController {
    private final EpcisService epcis;
    private final LocalUsers users;

    public EpcisController(EpcisService epcis, LocalUsers users) {
        this.epcis = epcis;
        this.users = users;
    }

    @PostMapping(
            value = "/api/epcis/capture",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/ld+json"})
    @PreAuthorize("hasAnyRole('COOPERATIVE', 'DEPARTMENT')")
    public Map<String, Object> capture(@RequestBody JsonNode document, Authentication auth) {
        EpcisService.Captured captured = epcis.capture(users.actor(auth), document);
        return Map.of("stored", captured.stored(), "duplicates", captured.duplicates());
    }

    @GetMapping(
            value = "/api/epcis/events",
            produces = {"application/ld+json", MediaType.APPLICATION_JSON_VALUE})
    public ObjectNode events(@RequestParam String epc) {
        return epcis.export(epc);
    }
}
