package vn.dongxanh.trace.certificate;

/** The certificate schemes the platform knows (DOMAIN.md §4). */
public enum Scheme {
    VIETGAP,
    GLOBALGAP,
    OCOP
}
