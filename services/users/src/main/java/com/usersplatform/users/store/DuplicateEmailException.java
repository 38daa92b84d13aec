package com.usersplatform.users.store;

/** Another user already has this email (compared case-insensitively). */
public final class DuplicateEmailException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The email is taken. */
    public DuplicateEmailException() {
        super("A user with this email already exists");
    }
}
