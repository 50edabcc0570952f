package vn.dongxanh.web.page;

import java.util.List;

/**
 * What the layout needs on every page: the texts, the title, the cooperative's name for the
 * header, the language switch and the sign-out form's CSRF field.
 *
 * @param cooperative the signed-in user's cooperative (its name), null when there is none
 * @param languages the other languages, as links to this page in them
 * @param csrfName the CSRF field's name; null when not signed in
 * @param department the signed-in user is the department's (its console's pages are offered)
 */
public record Page(
        Texts t,
        String title,
        String cooperative,
        List<Language> languages,
        String csrfName,
        String csrfToken,
        boolean department) {

    /** A page for someone who is not the department's (or nobody signed in). */
    public Page(
            Texts t, String title, String cooperative, List<Language> languages, String csrfName, String csrfToken) {
        this(t, title, cooperative, languages, csrfName, csrfToken, false);
    }

    /** A language of the switch: its tag, its own name, the link to this page in it. */
    public record Language(String tag, String name, String href) {}

    public boolean signedIn() {
        return csrfName != null;
    }
}
