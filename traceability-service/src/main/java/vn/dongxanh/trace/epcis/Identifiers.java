package vn.dongxanh.trace.epcis;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.dongxanh.trace.gs1.Gs1;

/**
 * The equivalent spellings of one GS1 identifier, brought to one form so that a query finds an
 * event whichever form it was captured or asked in: a GS1 Digital Link URI on any host ({@code
 * https://…/01/{gtin}/10/{lot}}, {@code …/21/{serial}}, or the GTIN alone), an EPC URN ({@code
 * urn:epc:class:lgtin:…}, {@code urn:epc:id:sgtin:…}, {@code urn:epc:idpat:sgtin:…}), or a plain
 * GTIN (8, 12, 13 or 14 digits) and lot. The one form is the Digital Link URI on the configured
 * identifier base with a GTIN-14 and the lot or serial as plain text, the form the platform's own
 * events use. Identifiers of other kinds (SSCC, GLN, our own URNs) are kept as they are.
 */
public final class Identifiers {
    private static final Pattern DIGITAL_LINK =
            Pattern.compile("^https?://[^/?#]+(?:/[^?#]*?)?/01/(\\d{8,14})(?:/(10|21)/([^/?#]+))?/?(?:[?#].*)?$");
    private static final Pattern URN =
            Pattern.compile("^urn:epc:(class:lgtin|id:sgtin|idpat:sgtin):(\\d+)\\.(\\d+)\\.(.+)$");

    private final String base;

    public Identifiers(String identifierBase) {
        this.base = identifierBase.endsWith("/")
                ? identifierBase.substring(0, identifierBase.length() - 1)
                : identifierBase;
    }

    /** What a GS1 product identifier names: a GTIN-14, and a lot or a serial (or neither: the class). */
    public record Gtin(String gtin14, String lot, String serial) {}

    /** The one form of an identifier; an identifier of another kind as it is. */
    public String canonical(String identifier) {
        return parse(identifier).map(this::uri).orElse(identifier);
    }

    /** The one form of a plain GTIN and lot; {@link IllegalArgumentException} for a bad GTIN. */
    public String canonical(String gtin, String lot) {
        return uri(new Gtin(Gs1.gtin14(gtin), lot, null));
    }

    private String uri(Gtin g) {
        String path = base + "/01/" + g.gtin14();
        if (g.lot() != null) return path + "/10/" + g.lot();
        if (g.serial() != null) return path + "/21/" + g.serial();
        return path;
    }

    /** The GTIN an identifier names, with its lot or serial; empty for other kinds or a bad GTIN. */
    public static Optional<Gtin> parse(String identifier) {
        if (identifier == null) return Optional.empty();
        Matcher link = DIGITAL_LINK.matcher(identifier);
        if (link.matches()) {
            String gtin;
            try {
                gtin = Gs1.gtin14(link.group(1));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            String value = link.group(3) == null ? null : decode(link.group(3));
            return Optional.of(new Gtin(
                    gtin, "10".equals(link.group(2)) ? value : null, "21".equals(link.group(2)) ? value : null));
        }
        Matcher urn = URN.matcher(identifier);
        if (urn.matches() && !urn.group(3).isEmpty()) {
            String prefix = urn.group(2);
            String itemRef = urn.group(3);
            // GS1 company prefix and item reference with the indicator digit in front: 13 digits
            String body = itemRef.charAt(0) + prefix + itemRef.substring(1);
            if (body.length() != 13) return Optional.empty();
            String gtin = body + Gs1.checkDigit(body);
            String rest = decode(urn.group(4));
            return Optional.of(
                    switch (urn.group(1)) {
                        case "class:lgtin" -> new Gtin(gtin, rest, null);
                        case "id:sgtin" -> new Gtin(gtin, null, rest);
                        default -> new Gtin(gtin, null, null); // idpat: every serial of the GTIN
                    });
        }
        return Optional.empty();
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
