package vn.dongxanh.trace.web;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The rule for {@code dx.trace.public-url}, the address printed in every QR code and label: it must
 * be set, and be an absolute https URL with a host and nothing after the path (no query, no
 * fragment). A label outlives the server that printed it, so a wrong address cannot be taken back:
 * the service refuses to start with one. Plain http (a developer's machine, {@code ./dx run}) is
 * accepted only when {@code dx.trace.allow-http-public-url} says so.
 */
public final class PublicUrlRule {
    static final String HOW =
            " Set dx.trace.public-url (environment DX_TRACE_PUBLIC_URL) to the https origin buyers reach,"
                    + " e.g. https://truyxuat.example.vn; on a developer's machine only,"
                    + " dx.trace.allow-http-public-url=true (DX_TRACE_ALLOW_HTTP_PUBLIC_URL, which ./dx run sets)"
                    + " accepts http.";

    private PublicUrlRule() {}

    /** The URL without a trailing slash; IllegalArgumentException naming the setting and the fix when it breaks the rule. */
    public static String check(String url, boolean allowHttp) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(
                    "dx.trace.public-url is not set: QR codes and labels need the address buyers reach." + HOW);
        }
        String u = url.strip();
        URI uri;
        try {
            uri = new URI(u);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "dx.trace.public-url '" + u + "' is not a URL: " + e.getMessage() + "." + HOW);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException(
                    "dx.trace.public-url '" + u + "' is not an absolute http(s) URL with a host." + HOW);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("dx.trace.public-url '" + u
                    + "' must be an origin (and path), without user, query or fragment: Digital Link paths are added to it."
                    + HOW);
        }
        if (scheme.equals("http") && !allowHttp) {
            throw new IllegalArgumentException("dx.trace.public-url is '" + u
                    + "', plain http: QR codes and labels would send buyers to an address that is not https"
                    + " (and a local one when it is the default)." + HOW);
        }
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }
}
