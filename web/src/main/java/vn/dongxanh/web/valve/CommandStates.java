package vn.dongxanh.web.valve;

import java.util.Set;

/** ingest's command states and which of them still wait for the gateway. */
public final class CommandStates {
    /** Stored or on the broker: the gateway has not answered yet. */
    private static final Set<String> WAITING = Set.of("PENDING", "SENT");

    private CommandStates() {}

    public static boolean waiting(String state) {
        return WAITING.contains(state);
    }

    /** The CSS class of a state: good, bad or waiting. */
    public static String tone(String state) {
        return switch (state) {
            case "APPLIED" -> "ok";
            case "PENDING", "SENT" -> "waiting";
            default -> "bad";
        };
    }
}
