package com.usersplatform.users;

/** A request the API rejects with 400 {@code validation_error}; {@code field} names the culprit when there is one. */
final class ValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    ValidationException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    /** The offending field or query parameter, or null for the body as a whole. */
    String field() {
        return field;
    }
}
