package com.usersplatform.rotation;

/** Proves that a username and password log in to Redis. Production: {@link RedisCredentialCheck} over TLS. */
@FunctionalInterface
public interface CredentialCheck {

    /** Returns normally when the login works; throws {@link RotationException} (never naming the password) if not. */
    void verify(String username, String password);
}
