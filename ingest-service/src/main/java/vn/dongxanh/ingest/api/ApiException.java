package vn.dongxanh.ingest.api;

import org.springframework.http.HttpStatus;

/** A request the API answers with an error status and a sentence saying why. */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String title;

    private ApiException(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    /** 400: the request is malformed or its values are invalid. */
    public static ApiException badRequest(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Bad request", detail);
    }

    /** 403: the caller may not do this (another organisation's cooperative, or not its role). */
    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, "Forbidden", detail);
    }

    /** 404: what the path names does not exist (or belongs to another organisation: not disclosed). */
    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, "Not found", detail);
    }

    /** 409: it exists already, or the change conflicts with what exists. */
    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, "Conflict", detail);
    }

    /** 503: the service cannot take this now (a limit of its own is reached); the caller may retry. */
    public static ApiException unavailable(String detail) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
