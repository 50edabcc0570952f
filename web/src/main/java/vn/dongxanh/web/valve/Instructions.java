package vn.dongxanh.web.valve;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import vn.dongxanh.web.page.Texts;

/**
 * The plot's overrides and schedules as the valve page lists them, and the words for when each
 * ends: "ends in 25 minutes", "starts in 2 hours", "ended 3 minutes ago".
 *
 * @param now the time the list was made, for the relative times
 * @param refreshSeconds how soon the list asks again (sooner while one waits for its gateway)
 */
public record Instructions(
        List<ValveApi.Instruction> overrides, List<ValveApi.Instruction> schedules, Instant now, long refreshSeconds) {
    /** Phases after which nothing more happens: shown greyed. */
    private static final Set<String> OVER = Set.of("ENDED", "REPLACED", "NOT_APPLIED");

    public static final Instructions NONE = new Instructions(List.of(), List.of(), Instant.EPOCH, 0);

    public boolean waiting() {
        return Stream.concat(overrides.stream(), schedules.stream()).anyMatch(i -> "WAITING".equals(i.phase()));
    }

    /** An override that hands the valve back to automatic control: it has no time of its own. */
    public static boolean auto(ValveApi.Instruction i) {
        return "AUTO".equals(i.hold());
    }

    public static boolean over(ValveApi.Instruction i) {
        return OVER.contains(i.phase());
    }

    /** What it does, e.g. "Held closed until 03/12 14:30" or "Water at 03/12 18:00 for 20 min". */
    public static String what(Texts t, ValveApi.Instruction i) {
        if ("SCHEDULE".equals(i.kind())) {
            return t.get("instruction.schedule", t.dateTime(i.start()), i.runSeconds() / 60);
        }
        if ("AUTO".equals(i.hold())) return t.get("instruction.hold.AUTO");
        return t.get("instruction.hold." + i.hold(), t.dateTime(i.until()));
    }

    /** When it ends, started or ended, relative to {@code now}; empty when its phase says it all. */
    public static String when(Texts t, ValveApi.Instruction i, Instant now) {
        // back to automatic happens at once: when the gateway did it, not when it "ended"
        if (auto(i) && "ENDED".equals(i.phase())) return t.get("instruction.auto-done", t.age(i.endsAt(), now));
        return switch (i.phase()) {
            case "ACTIVE" -> t.get("instruction.ends-in", in(t, i.endsAt(), now));
            case "UPCOMING" -> t.get("instruction.starts-in", in(t, i.start(), now));
            case "DUE" -> t.get("instruction.due");
            case "ENDED" -> i.endsAt() == null ? "" : t.get("instruction.ended", t.age(i.endsAt(), now));
            case "REPLACED" -> t.get("instruction.replaced", t.age(i.endsAt(), now));
            default -> "";
        };
    }

    /** A time ahead in its largest whole unit: "25 minutes", "2 hours". */
    static String in(Texts t, Instant at, Instant now) {
        Duration d = Duration.between(now, at);
        if (d.isNegative()) d = Duration.ZERO;
        if (d.toMinutes() < 1) return t.get("instruction.in.seconds", d.toSeconds());
        if (d.toHours() < 2) return t.get("instruction.in.minutes", d.toMinutes());
        if (d.toDays() < 2) return t.get("instruction.in.hours", d.toHours());
        return t.get("instruction.in.days", d.toDays());
    }
}
