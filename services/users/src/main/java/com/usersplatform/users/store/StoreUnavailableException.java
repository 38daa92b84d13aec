package com.usersplatform.users.store;

/** The store cannot answer now (outage, timeout, exhausted pool, rejected credentials); retrying later may work. */
public final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Unavailable because of {@code cause} (kept for logs, never shown to clients). */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
