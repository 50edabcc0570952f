package vn.dongxanh.web.page;

/**
 * A page about something the signed-in user may not see (another cooperative's plot, or none at
 * all: the two are not told apart, so the answer says nothing about other cooperatives). 403.
 */
public final class NotYours extends RuntimeException {
    public NotYours(String what) {
        super(what);
    }
}
