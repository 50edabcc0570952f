package vn.dongxanh.trace.security;

/** What a signed-in user may do; buyers and the public read without signing in. */
public enum Role {
    DEPARTMENT,
    COOPERATIVE,
    CERTIFICATION_BODY
}
