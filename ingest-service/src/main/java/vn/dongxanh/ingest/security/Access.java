package vn.dongxanh.ingest.security;

import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.ingest.api.ApiException;
import vn.dongxanh.ingest.audit.AuditFilter;

/**
 * The ownership checks the controllers make after the URL rules of {@link SecurityConfiguration}
 * let a role through (docs/security-ingest.md, "Ownership"):
 *
 * <ul>
 *   <li>a resource named in the path that belongs to another organisation is answered exactly as
 *       one that does not exist (404): existence is not disclosed;
 *   <li>a cooperative id the caller names in a body or as the target of a write that is not its own
 *       is refused with 403 before anything is looked up, so the answer says nothing about it;
 *   <li>lists are narrowed to the caller's cooperative.
 * </ul>
 */
public final class Access {
    private Access() {}

    /** The caller of the current request (the URL rules guarantee one on every /api operation). */
    public static Caller caller() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a instanceof CallerToken t) return t.caller();
        throw new IllegalStateException("no authenticated caller on this request");
    }

    /** {@code resource} if the caller may see cooperative {@code coop}'s things, else the same 404 as a missing one. */
    public static <T> T visible(T resource, String coop, Supplier<? extends RuntimeException> notFound) {
        if (!caller().sees(coop)) throw notFound.get();
        concerns(coop);
        return resource;
    }

    /** Does the caller see {@code coop}'s things? (for filtering rows one by one) */
    public static boolean sees(String coop) {
        return caller().sees(coop);
    }

    /** A write for cooperative {@code coop}: the caller must be one of its users in one of {@code roles}, else 403. */
    public static Caller actFor(String coop, PlatformRole... roles) {
        Caller c = caller();
        for (PlatformRole r : roles) {
            if (c.actsFor(coop, r)) {
                concerns(coop);
                return c;
            }
        }
        throw ApiException.forbidden(
                c.organisation() == null
                        ? "this token acts for no organisation; only cooperative '" + coop + "'s " + names(roles)
                                + " may"
                        : "you act for organisation '" + c.organisation() + "', not for cooperative '" + coop
                                + "'; only its own " + names(roles) + " may");
    }

    /**
     * The cooperative filter of a list: the department's (or a service's) as asked, null = all; a
     * cooperative user's own, whatever was asked. {@link Scope#nothing()} when a cooperative user
     * asked for another cooperative: the list is empty, as for one that does not exist.
     */
    public static Scope scope(String requested) {
        Caller c = caller();
        if (!c.cooperativeUser() || c.department()) return new Scope(false, requested);
        if (requested != null && !requested.equals(c.organisation())) return new Scope(true, null);
        return new Scope(false, c.organisation());
    }

    /**
     * Notes for the audit row which cooperative the request is about — only once the caller is
     * allowed, so another organisation's refused attempt does not show up in this cooperative's
     * audit view, nor this cooperative's id in theirs (the department sees both).
     */
    public static void concerns(String coop) {
        if (coop != null && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes r) {
            r.getRequest().setAttribute(AuditFilter.COOPERATIVE, coop);
        }
    }

    /** A list's cooperative filter; {@code nothing} = an empty answer without asking the database. */
    public record Scope(boolean nothing, String cooperative) {}

    private static String names(PlatformRole... roles) {
        var b = new StringBuilder();
        for (int i = 0; i < roles.length; i++) {
            if (i > 0) b.append(i == roles.length - 1 ? " or " : ", ");
            b.append(roles[i].name());
        }
        return b.toString();
    }
}
