package com.usersplatform.rotation;

/** A rotation step cannot complete; Secrets Manager retries the step. Messages never contain secret values. */
public final class RotationException extends RuntimeException {

    public RotationException(String message) {
        super(message);
    }

    public RotationException(String message, Throwable cause) {
        super(message, cause);
    }
}
