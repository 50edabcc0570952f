package vn.dongxanh.trace.security;

import static vn.dongxanh.contract.identity.PlatformRole.CERTIFICATION_BODY;
import static vn.dongxanh.contract.identity.PlatformRole.COOP_MANAGER;
import static vn.dongxanh.contract.identity.PlatformRole.COOP_OPERATOR;
import static vn.dongxanh.contract.identity.PlatformRole.DEPARTMENT_OFFICER;

import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.trace.web.Refusal;

/**
 * The access rules of every endpoint, in one place (docs/security-traceability.md has the
 * table). Three answers: 401 — no token where one is needed; 403 — the caller's roles do not
 * allow the operation, or the caller may see the resource but not change it; 404 — the resource
 * does not exist, or the caller may not see it (another organisation's, or not published), so an
 * id reveals nothing.
 *
 * <p>Who sees what: the department everything; a cooperative's users (manager, operator) their
 * cooperative's resources; a certification body its own certificates and the resources of the
 * organisations it certifies; anyone (no token, a service token) the story of published batches
 * ({@link Visibility}).
 */
@Component
public class Access {
    private final Visibility visibility;

    public Access(Visibility visibility) {
        this.visibility = visibility;
    }

    /** The caller, if it presented a valid token. */
    public static Optional<Actor> caller(Authentication auth) {
        return auth instanceof OidcActors.Token token ? Optional.of(token.actor()) : Optional.empty();
    }

    /** The caller, who must hold one of the roles: 401 without a token, 403 without the role. */
    public Actor require(Authentication auth, PlatformRole... roles) {
        Actor actor = caller(auth)
                .orElseThrow(() -> new Refusal(HttpStatus.UNAUTHORIZED, "unauthenticated", "a Bearer token is needed"));
        if (!actor.hasAny(roles)) {
            throw Refusal.forbidden("this needs the role "
                    + Arrays.stream(roles).map(Enum::name).collect(Collectors.joining(" or ")) + "; the token has "
                    + (actor.roles().isEmpty() ? "no platform role" : actor.roles()));
        }
        return actor;
    }

    /** Does the caller see what these organisations own (without it being public)? */
    private boolean owns(Actor a, Collection<String> owners, boolean bodiesReadClients) {
        if (a.has(DEPARTMENT_OFFICER)) return true;
        for (String o : owners) {
            if (a.isCooperativeOf(o)) return true;
            if (bodiesReadClients
                    && a.has(CERTIFICATION_BODY)
                    && a.organisation()
                            .map(body -> visibility.certifies(body, o))
                            .orElse(false)) {
                return true;
            }
        }
        return false;
    }

    private boolean sees(Optional<Actor> caller, Collection<String> owners, boolean bodies, BooleanSupplier published) {
        return caller.map(a -> owns(a, owners, bodies)).orElse(false) || published.getAsBoolean();
    }

    private boolean seesCertificate(Optional<Actor> caller, Visibility.Parties p, BooleanSupplier published) {
        boolean party = caller.map(a -> a.has(DEPARTMENT_OFFICER)
                        || a.isCooperativeOf(p.holder())
                        || (a.has(CERTIFICATION_BODY) && a.actsFor(p.issuer())))
                .orElse(false);
        return party || published.getAsBoolean();
    }

    private static void orNotFound(boolean seen, String what) {
        if (!seen) throw Refusal.notFound("no " + what);
    }

    // ---- reads ----------------------------------------------------------------------------

    public boolean canReadBatch(Authentication auth, long id) {
        Optional<String> owner = visibility.batchOwner(id);
        return owner.isPresent() && sees(caller(auth), Set.of(owner.get()), true, () -> visibility.batchPublished(id));
    }

    public void readBatch(Authentication auth, long id) {
        orNotFound(canReadBatch(auth, id), "batch " + id);
    }

    public void readPlot(Authentication auth, String id) {
        Optional<String> owner = visibility.plotOwner(id);
        orNotFound(
                owner.isPresent() && sees(caller(auth), Set.of(owner.get()), true, () -> visibility.plotPublic(id)),
                "plot " + id);
    }

    public void readCode(Authentication auth, String code) {
        Optional<String> owner = visibility.codeOwner(code);
        orNotFound(
                owner.isPresent() && sees(caller(auth), Set.of(owner.get()), true, () -> visibility.codePublic(code)),
                "code " + code);
    }

    public void readProduct(Authentication auth, String gtin14) {
        Optional<String> owner = visibility.productOwner(gtin14);
        orNotFound(
                owner.isPresent()
                        && sees(caller(auth), Set.of(owner.get()), true, () -> visibility.productPublic(gtin14)),
                "product " + gtin14);
    }

    public void readCertificate(Authentication auth, long id) {
        Optional<Visibility.Parties> parties = visibility.certificateParties(id);
        orNotFound(
                parties.isPresent()
                        && seesCertificate(caller(auth), parties.get(), () -> visibility.certificatePublic(id)),
                "certificate " + id);
    }

    /** Organisations are facts every signed-in person of the platform may read; the public those of a story. */
    public void readOrganisation(Authentication auth, String id) {
        boolean person = caller(auth)
                .map(a -> a.hasAny(COOP_MANAGER, COOP_OPERATOR, DEPARTMENT_OFFICER, CERTIFICATION_BODY))
                .orElse(false);
        orNotFound(
                visibility.organisationExists(id) && (person || visibility.organisationPublic(id)),
                "organisation " + id);
    }

    public void readRecord(Authentication auth, long id) {
        Optional<Actor> caller = caller(auth);
        boolean seen = visibility.recordExists(id)
                && (caller.map(a -> a.has(DEPARTMENT_OFFICER)).orElse(false)
                        || visibility
                                .recordCertificate(id)
                                .map(p -> seesCertificate(caller, p, () -> false))
                                .orElseGet(() -> caller.map(a -> owns(a, visibility.recordOwners(id), true))
                                        .orElse(false))
                        || visibility.recordPublic(id));
        orNotFound(seen, "record " + id);
    }

    /** EPCIS events by identifier: a batch's lot for its owners (and the public once published); others the department's. */
    public void readEpc(Authentication auth, String epc) {
        orNotFound(
                sees(caller(auth), visibility.epcOwners(epc), true, () -> visibility.epcPublic(epc)),
                "events of " + epc);
    }

    /** Whether person fields (who did it) may be shown: to the department and the owning cooperative. */
    public static boolean seesPersons(Authentication auth, String owner) {
        return caller(auth)
                .map(a -> a.has(DEPARTMENT_OFFICER) || a.isCooperativeOf(owner))
                .orElse(false);
    }

    /**
     * Whose data a department-or-cooperative read covers: the department may name any cooperative
     * (or none: all); a cooperative's manager or operator reads its own, and naming another is 403.
     * 401 without a token, 403 for any other role.
     */
    public Optional<String> cooperativeScope(Authentication auth, Optional<String> asked) {
        return scope(auth, asked);
    }

    /**
     * A code's working papers (its batches, drafts too, and its holder's certificates covering it):
     * the department's and the code's cooperative's. 404 for a code that does not exist, 403 for
     * anyone else (the code itself may be public; its papers are not).
     */
    public void readCodePapers(Authentication auth, String code) {
        require(auth, DEPARTMENT_OFFICER, COOP_MANAGER, COOP_OPERATOR); // who may ask at all, before any lookup
        String owner = visibility.codeOwner(code).orElseThrow(() -> Refusal.notFound("no code " + code));
        scope(auth, Optional.of(owner));
    }

    private Optional<String> scope(Authentication auth, Optional<String> asked) {
        Actor actor = require(auth, DEPARTMENT_OFFICER, COOP_MANAGER, COOP_OPERATOR);
        if (actor.has(DEPARTMENT_OFFICER)) return asked;
        String own = actor.organisation().orElseThrow(() -> Refusal.forbidden("a cooperative's user acts for one"));
        if (asked.isPresent() && !asked.get().equals(own)) {
            throw Refusal.forbidden("a cooperative's user reads its own cooperative's data only");
        }
        return Optional.of(own);
    }

    /**
     * Labels of a batch are printed by its cooperative (manager, operator) and the department: 401
     * without a token, 404 unknown or unseen, 403 seen (published, certified) but not theirs to print.
     */
    public void labelBatch(Authentication auth, long id) {
        cooperativeOrDepartment(
                auth, id, "labels of batch " + id + " are printed by its cooperative or the department");
    }

    /** A batch's scan counts and flags: its cooperative and the department, as {@link #labelBatch}. */
    public void readScans(Authentication auth, long id) {
        cooperativeOrDepartment(
                auth, id, "the scans of batch " + id + " are read by its cooperative or the department");
    }

    private void cooperativeOrDepartment(Authentication auth, long id, String otherwise) {
        Actor actor = caller(auth)
                .orElseThrow(() -> new Refusal(HttpStatus.UNAUTHORIZED, "unauthenticated", "a Bearer token is needed"));
        String owner = visibility.batchOwner(id).orElseThrow(() -> Refusal.notFound("no batch " + id));
        if (actor.has(DEPARTMENT_OFFICER) || actor.isCooperativeOf(owner)) return;
        readBatch(auth, id);
        throw Refusal.forbidden(otherwise);
    }

    /**
     * A plot's diary is read by its cooperative (manager, operator) and the department: 401 without
     * a token, 403 without one of those roles or when the plot is seen but not theirs, 404 unknown or
     * unseen. Answers whether the operator's names may be shown: to the plot's cooperative only (it
     * is their diary; the department asks for a record's disclosure, which is audited).
     */
    public boolean readDiary(Authentication auth, String plotId) {
        Actor actor = require(auth, COOP_MANAGER, COOP_OPERATOR, DEPARTMENT_OFFICER);
        String owner = visibility.plotOwner(plotId).orElseThrow(() -> Refusal.notFound("no plot " + plotId));
        if (actor.isCooperativeOf(owner)) return true;
        if (actor.has(DEPARTMENT_OFFICER)) return false;
        readPlot(auth, plotId);
        throw Refusal.forbidden("the diary of plot " + plotId + " is read by its cooperative and the department");
    }

    // ---- changes to an existing resource -------------------------------------------------

    /** A cooperative's user changes its plot (the diary): 404 unknown or unseen, 403 seen but not theirs. */
    public void changePlot(Actor actor, Authentication auth, String id) {
        String owner = visibility.plotOwner(id).orElseThrow(() -> Refusal.notFound("no plot " + id));
        if (actor.isCooperativeOf(owner)) return;
        readPlot(auth, id);
        throw Refusal.forbidden("plot " + id + " is not of your cooperative");
    }

    public void changeBatch(Actor actor, Authentication auth, long id) {
        String owner = visibility.batchOwner(id).orElseThrow(() -> Refusal.notFound("no batch " + id));
        if (actor.has(COOP_MANAGER) && actor.actsFor(owner)) return;
        readBatch(auth, id);
        throw Refusal.forbidden("batch " + id + " is not of your cooperative");
    }

    /** Only its issuer changes a certificate's state. */
    public void changeCertificate(Actor actor, Authentication auth, long id) {
        Visibility.Parties p =
                visibility.certificateParties(id).orElseThrow(() -> Refusal.notFound("no certificate " + id));
        if (actor.actsFor(p.issuer()) && actor.hasAny(CERTIFICATION_BODY, DEPARTMENT_OFFICER)) return;
        readCertificate(auth, id);
        throw Refusal.forbidden("certificate " + id + " was issued by " + p.issuer() + "; only its issuer changes it");
    }
}
