package com.usersplatform.users.store;

import java.util.Optional;

/**
 * Where users live. Implementations enforce email uniqueness atomically and keep creation order stable.
 * Every method may throw {@link StoreUnavailableException}.
 */
public interface UserStore {
    /**
     * Creates a user with a new id.
     *
     * @param name  validated, trimmed name
     * @param email validated, lower-cased email
     * @throws DuplicateEmailException when the email is taken
     */
    User create(String name, String email);

    /** The user with {@code id}, if any. */
    Optional<User> find(String id);

    /** Users {@code offset .. offset+limit-1} in creation order, and the total. */
    UserPage list(long offset, int limit);

    /**
     * Changes name and/or email (a null argument keeps the current value).
     *
     * @return the updated user, or empty when there is no user with {@code id}
     * @throws DuplicateEmailException when another user has the email
     */
    Optional<User> update(String id, String name, String email);

    /** Deletes the user; false when there was none. */
    boolean delete(String id);

    /** Whether the store answers now (within its short timeouts). */
    boolean isReachable();

    /** False once the store has refused this service's credentials for longer than a grace (stale credentials). */
    default boolean credentialsFresh() {
        return true;
    }
}
