package vn.dongxanh.trace.audit;

import static vn.dongxanh.contract.identity.PlatformRole.CERTIFICATION_BODY;
import static vn.dongxanh.contract.identity.PlatformRole.COOP_MANAGER;
import static vn.dongxanh.contract.identity.PlatformRole.DEPARTMENT_OFFICER;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.trace.security.Access;
import vn.dongxanh.trace.security.Actor;
import vn.dongxanh.trace.web.Refusal;

/** The audit log, newest first: the department reads all of it, an organisation's manager its own. */
@RestController
public class AuditController {
    private final AuditLog audit;
    private final Access access;

    public AuditController(AuditLog audit, Access access) {
        this.audit = audit;
        this.access = access;
    }

    @GetMapping("/api/audit")
    public Map<String, Object> entries(
            @RequestParam(required = false) String organisation,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            Authentication auth) {
        Actor actor = access.require(auth, DEPARTMENT_OFFICER, COOP_MANAGER, CERTIFICATION_BODY);
        if (page < 0 || size < 1 || size > 500) {
            throw Refusal.badRequest("page ≥ 0 and 1 ≤ size ≤ 500");
        }
        Optional<String> scope;
        if (actor.has(DEPARTMENT_OFFICER)) {
            scope = Optional.ofNullable(organisation).filter(o -> !o.isBlank());
        } else {
            String own = actor.organisation().orElseThrow();
            if (organisation != null && !organisation.isBlank() && !organisation.equals(own)) {
                throw Refusal.forbidden("an organisation reads its own audit log only");
            }
            scope = Optional.of(own);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organisation", scope.orElse(null));
        body.put("page", page);
        body.put("size", size);
        body.put("total", audit.count(scope));
        body.put("items", audit.page(scope, page, size));
        return body;
    }
}
