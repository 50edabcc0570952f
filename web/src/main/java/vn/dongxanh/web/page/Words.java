package vn.dongxanh.web.page;

import org.springframework.context.NoSuchMessageException;

/**
 * A closed word from a service (a command state, an alarm kind, a gateway's reason) in the
 * reader's language: the bundle's {@code prefix + word}, or the word itself when a newer service
 * sends one the bundles do not know yet (shown as sent rather than failing the page).
 */
public final class Words {
    private Words() {}

    public static String of(Texts t, String prefix, String word) {
        if (word == null || word.isEmpty()) return t.get("reading.none");
        try {
            return t.get(prefix + word);
        } catch (NoSuchMessageException unknown) {
            return word;
        }
    }
}
