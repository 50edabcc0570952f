package vn.dongxanh.trace.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A request refused by a rule, with the reason in words (served as problem details: the reason
 * is the {@code detail}, the rule's code the {@code title}).
 */
public class Refusal extends ResponseStatusException {
    private final String rule;

    public Refusal(HttpStatus status, String rule, String reason) {
        super(status, reason);
        this.rule = rule;
        getBody().setTitle(rule);
        getBody().setProperty("rule", rule);
    }

    /** 422: the data breaks a domain rule. */
    public static Refusal rule(String rule, String reason) {
        return new Refusal(HttpStatus.UNPROCESSABLE_ENTITY, rule, reason);
    }

    public static Refusal notFound(String what) {
        return new Refusal(HttpStatus.NOT_FOUND, "not-found", what);
    }

    public static Refusal forbidden(String reason) {
        return new Refusal(HttpStatus.FORBIDDEN, "forbidden", reason);
    }

    public static Refusal conflict(String rule, String reason) {
        return new Refusal(HttpStatus.CONFLICT, rule, reason);
    }

    public static Refusal badRequest(String reason) {
        return new Refusal(HttpStatus.BAD_REQUEST, "bad-request", reason);
    }

    /** 400 about one field (or parameter): the detail starts with its name, {@code pointer} names it. */
    public static Refusal field(String name, String reason) {
        Refusal r = badRequest(name + ": " + reason);
        r.getBody().setProperty("pointer", "/" + name);
        return r;
    }

    public String rule() {
        return rule;
    }
}
