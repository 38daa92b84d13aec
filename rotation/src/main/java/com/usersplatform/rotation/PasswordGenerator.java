package com.usersplatform.rotation;

import java.security.SecureRandom;

/**
 * Strong random passwords that ElastiCache RBAC accepts: 16-128 printable ASCII characters without space,
 * {@code "}, {@code /} or {@code @} (see the ElastiCache CreateUser/ModifyUser reference), minus any characters
 * the operator excludes.
 */
public final class PasswordGenerator {

    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 128;
    /** Characters ElastiCache refuses in passwords (space is outside the printable range used). */
    static final String ALWAYS_EXCLUDED = "\"/@";
    private static final int MIN_ALPHABET = 32;

    private final SecureRandom random = new SecureRandom();
    private final char[] alphabet;
    private final int length;

    /**
     * @param length             password length, {@value #MIN_LENGTH}-{@value #MAX_LENGTH}
     * @param excludeCharacters  extra characters never to use (e.g. quotes that trouble a shell)
     */
    public PasswordGenerator(int length, String excludeCharacters) {
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "password length must be " + MIN_LENGTH + "-" + MAX_LENGTH + ", got " + length);
        }
        StringBuilder chars = new StringBuilder();
        for (char c = '!'; c <= '~'; c++) {
            if (ALWAYS_EXCLUDED.indexOf(c) < 0 && excludeCharacters.indexOf(c) < 0) {
                chars.append(c);
            }
        }
        if (chars.length() < MIN_ALPHABET) {
            throw new IllegalArgumentException("excluded characters leave fewer than " + MIN_ALPHABET
                    + " characters to build passwords from");
        }
        this.alphabet = chars.toString().toCharArray();
        this.length = length;
    }

    /** A fresh password. */
    public String generate() {
        char[] password = new char[length];
        for (int i = 0; i < length; i++) {
            password[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(password);
    }
}
