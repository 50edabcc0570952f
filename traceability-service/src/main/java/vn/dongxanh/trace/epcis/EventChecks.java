package vn.dongxanh.trace.epcis;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.trace.web.Refusal;

/**
 * What a captured event must satisfy beyond its JSON being readable: EPCIS 2.0 event types and
 * actions, an eventTime that can have happened (not later than now plus the allowed clock skew,
 * not before the configured earliest time), quantities that are numbers of 0 or more, and
 * business steps and dispositions of CBV 2.0 or of the platform's declared extension. Every
 * error names its field by a JSON pointer into the capture document.
 */
final class EventChecks {
    private static final Pattern TIME_ZONE_OFFSET = Pattern.compile("^[+-](0\\d|1[0-4]):[0-5]\\d$");
    /** RFC 3339 / xsd:dateTime with an offset: seconds required, fractions allowed. */
    private static final Pattern DATE_TIME =
            Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$");

    private static final String BIZ_STEP_URI = "https://ref.gs1.org/cbv/BizStep-";
    private static final String BIZ_STEP_URN = "urn:epcglobal:cbv:bizstep:";
    private static final String DISPOSITION_URI = "https://ref.gs1.org/cbv/Disp-";
    private static final String DISPOSITION_URN = "urn:epcglobal:cbv:disp:";

    /** One thing wrong, at a JSON pointer of the document. */
    record Error(String pointer, String detail) {}

    private final EpcisProperties props;

    EventChecks(EpcisProperties props) {
        this.props = props;
    }

    /** The errors of one event at {@code pointer} (e.g. {@code /epcisBody/eventList/0}); empty: it passes. */
    List<Error> check(JsonNode event, String pointer, Instant now) {
        List<Error> errors = new ArrayList<>();
        if (!event.isObject()) {
            errors.add(new Error(pointer, "an event is a JSON object"));
            return errors;
        }
        String type = event.path("type").asString("");
        if (!Epcis.EVENT_TYPES.contains(type)) {
            errors.add(new Error(pointer + "/type", "'" + type + "' is not an EPCIS 2.0 event type"));
        }
        if (event.has("eventID")
                && (!event.get("eventID").isString()
                        || event.get("eventID").asString().isBlank())) {
            errors.add(new Error(pointer + "/eventID", "eventID is a URI (e.g. urn:uuid:…), or left out"));
        }
        checkTime(event, pointer, now, errors);
        if (!TIME_ZONE_OFFSET
                .matcher(event.path("eventTimeZoneOffset").asString(""))
                .matches()) {
            errors.add(new Error(pointer + "/eventTimeZoneOffset", "eventTimeZoneOffset must look like +07:00"));
        }
        if (!type.equals("TransformationEvent")
                && !Epcis.ACTIONS.contains(event.path("action").asString(""))) {
            errors.add(new Error(pointer + "/action", "action must be ADD, OBSERVE or DELETE"));
        }
        if (event.has("bizStep")) {
            String bizStep = event.get("bizStep").asString("");
            if (!known(bizStep, Epcis.BIZ_STEPS, BIZ_STEP_URI, BIZ_STEP_URN, props.extensionBizSteps())) {
                errors.add(new Error(
                        pointer + "/bizStep",
                        "bizStep '" + bizStep + "' is not a CBV 2.0 business step nor one the platform declares"));
            }
        }
        if (event.has("disposition")) {
            String disposition = event.get("disposition").asString("");
            if (!known(
                    disposition, Epcis.DISPOSITIONS, DISPOSITION_URI, DISPOSITION_URN, props.extensionDispositions())) {
                errors.add(new Error(
                        pointer + "/disposition",
                        "disposition '" + disposition
                                + "' is not a CBV 2.0 disposition nor one the platform declares"));
            }
        }
        for (String list : Epcis.QUANTITY_LISTS) {
            JsonNode quantities = event.path(list);
            for (int i = 0; i < quantities.size(); i++) {
                JsonNode q = quantities.get(i).path("quantity");
                String at = pointer + "/" + list + "/" + i + "/quantity";
                if (q.isMissingNode()) continue; // a count of instances left open is allowed
                if (!q.isNumber()) {
                    errors.add(new Error(at, "quantity is a number"));
                } else if (q.decimalValue().compareTo(BigDecimal.ZERO) < 0) {
                    errors.add(new Error(at, "quantity " + q.decimalValue().toPlainString() + " is negative"));
                }
            }
        }
        if (errors.isEmpty() && EpcisService.identifiers(event).isEmpty()) {
            errors.add(new Error(pointer, "the event names no EPC or EPC class"));
        }
        return errors;
    }

    private void checkTime(JsonNode event, String pointer, Instant now, List<Error> errors) {
        String at = pointer + "/eventTime";
        String text = event.path("eventTime").asString("");
        Instant time;
        try {
            if (!DATE_TIME.matcher(text).matches()) throw new DateTimeParseException("not RFC 3339", text, 0);
            time = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new Error(
                    at,
                    "eventTime '" + text
                            + "' is not a date-time with seconds and an offset (e.g. 2026-05-01T08:00:00+07:00)"));
            return;
        }
        if (time.isAfter(now.plus(props.maxClockSkew()))) {
            errors.add(new Error(
                    at, "eventTime " + text + " is in the future (more than " + props.maxClockSkew() + " after now)"));
        }
        if (time.isBefore(props.earliestEventTime())) {
            errors.add(new Error(at, "eventTime " + text + " is before " + props.earliestEventTime()));
        }
    }

    /** A bare CBV name, its URI or URN form, or a URI the platform declares. */
    private static boolean known(String value, Set<String> cbv, String uri, String urn, List<String> declared) {
        if (cbv.contains(value) || declared.contains(value)) return true;
        if (value.startsWith(uri)) return cbv.contains(value.substring(uri.length()));
        if (value.startsWith(urn)) return cbv.contains(value.substring(urn.length()));
        return false;
    }

    /** 400 problem+json: the first error as its detail and pointer, all of them under {@code errors}. */
    static Refusal refusal(List<Error> errors) {
        Error first = errors.getFirst();
        String more = errors.size() == 1 ? "" : " (and " + (errors.size() - 1) + " more: see errors)";
        Refusal r =
                new Refusal(HttpStatus.BAD_REQUEST, "epcis-invalid", first.pointer() + ": " + first.detail() + more);
        r.getBody().setProperty("pointer", first.pointer());
        r.getBody()
                .setProperty("errors", errors.stream().map(EventChecks::asMap).toList());
        return r;
    }

    static java.util.Map<String, String> asMap(Error e) {
        return java.util.Map.of("pointer", e.pointer(), "detail", e.detail());
    }
}
