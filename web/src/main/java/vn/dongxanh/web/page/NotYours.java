package vn.dongxanh.web.page;

/**
 * A page about something the signed-in user may not see (another cooperative's plot, batch or
 * valve command, or none at all: the two are not told apart, so the answer says nothing about
 * other cooperatives). 403, worded for the kind of thing asked for.
 */
public final class NotYours extends RuntimeException {
    /** What was asked for, and the bundle key of what the page says about it. */
    public enum Kind {
        PLOT("refused.not-yours"),
        BATCH("refused.not-yours.batch"),
        COMMAND("refused.not-yours.command"),
        /** Anything else (the live stream without a cooperative): not named. */
        OTHER("refused.not-yours.other");

        private final String messageKey;

        Kind(String messageKey) {
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }

        /**
         * The kind a description names first or last ("plot p1", "labels of batch 7", "command c9"),
         * for callers that give only words; OTHER when it names none.
         */
        static Kind named(String what) {
            String[] words = what == null ? new String[0] : what.strip().split("\\s+");
            for (String word : words) {
                switch (word) {
                    case "plot" -> {
                        return PLOT;
                    }
                    case "batch" -> {
                        return BATCH;
                    }
                    case "command" -> {
                        return COMMAND;
                    }
                    default -> {}
                }
            }
            return OTHER;
        }
    }

    private final Kind kind;

    public NotYours(Kind kind, String what) {
        super(what);
        this.kind = kind;
    }

    /** A refusal described in words only; the page's wording follows the kind the words name ({@link Kind#named}). */
    public NotYours(String what) {
        this(Kind.named(what), what);
    }

    public Kind kind() {
        return kind;
    }
}
