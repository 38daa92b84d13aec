package com.usersplatform.rotation;

import java.util.List;
import java.util.Optional;

/**
 * ElastiCache's rules for RBAC user passwords, in one place: the generator builds passwords from
 * {@link #allowed(char)}, the configuration checks operator exclusions against it, and the test fake of ElastiCache
 * refuses what {@link #violation(String)} names.
 *
 * <p>The ElastiCache guide, "Role-Based Access Control", section "Applying RBAC": "Passwords must be 16–128 printable
 * characters. The following nonalphanumeric characters are not allowed: {@code ,} {@code ""} {@code /}
 * {@code @}." (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html). Space is printable but
 * never used: AWS's template draws passwords from GetRandomPassword, which leaves space out unless asked
 * (IncludeSpace), and a space splits CLI arguments and {@code AUTH} lines typed by hand.
 * A user holds at most two passwords (API reference, Authentication: "PasswordCount ... The maximum is two",
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_Authentication.html).
 */
public final class ElastiCachePasswords {

    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 128;
    /** Passwords a user may hold at once. */
    public static final int MAX_PER_USER = 2;
    /** Printable ASCII characters ElastiCache refuses (the guide's list) plus space. */
    public static final String FORBIDDEN = ",\"/@ ";

    private ElastiCachePasswords() {
    }

    /** Whether ElastiCache accepts {@code c} in a password: printable ASCII, not forbidden. */
    public static boolean allowed(char c) {
        return c >= ' ' && c <= '~' && FORBIDDEN.indexOf(c) < 0;
    }

    /** Why ElastiCache would refuse {@code password}, or empty; the reason never contains the password. */
    public static Optional<String> violation(String password) {
        if (password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            return Optional.of("a password must be " + MIN_LENGTH + "-" + MAX_LENGTH + " characters, got "
                    + password.length());
        }
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (!allowed(c)) {
                return Optional.of("a password contains a character ElastiCache refuses at position " + i
                        + (FORBIDDEN.indexOf(c) >= 0 ? " (one of , \" / @ or space)" : " (not printable ASCII)"));
            }
        }
        return Optional.empty();
    }

    /** Why ElastiCache would refuse {@code passwords} as a user's password list (ModifyUser), or empty. */
    public static Optional<String> violation(List<String> passwords) {
        if (passwords.isEmpty() || passwords.size() > MAX_PER_USER) {
            return Optional.of("a user holds 1-" + MAX_PER_USER + " passwords, got " + passwords.size());
        }
        return passwords.stream().map(ElastiCachePasswords::violation).flatMap(Optional::stream).findFirst();
    }
}
