package vn.dongxanh.trace.epcis;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.trace.security.Access;

/**
 * EPCIS 2.0 capture (a cooperative's manager about its own lots and lots shipped to it, the
 * department about any) and query by identifier (a lot's owners, and anyone once its batch is
 * published; see {@link Access}).
 */
@RestController
public class EpcisController {
    private final EpcisService epcis;
    private final Access access;

    public EpcisController(EpcisService epcis, Access access) {
        this.epcis = epcis;
        this.access = access;
    }

    @PostMapping(
            value = "/api/epcis/capture",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/ld+json"})
    public Map<String, Object> capture(@RequestBody JsonNode document, Authentication auth) {
        EpcisService.Captured captured = epcis.capture(
                access.require(auth, PlatformRole.COOP_MANAGER, PlatformRole.DEPARTMENT_OFFICER), document);
        return Map.of("stored", captured.stored(), "duplicates", captured.duplicates());
    }

    @GetMapping(
            value = "/api/epcis/events",
            produces = {"application/ld+json", MediaType.APPLICATION_JSON_VALUE})
    public ObjectNode events(@RequestParam String epc, Authentication auth) {
        access.readEpc(auth, epc);
        return epcis.export(epc);
    }
}
