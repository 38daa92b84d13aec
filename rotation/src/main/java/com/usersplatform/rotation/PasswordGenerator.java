package com.usersplatform.rotation;

import java.security.SecureRandom;

/**
 * Strong random passwords that ElastiCache RBAC accepts ({@link ElastiCachePasswords}), minus any characters the
 * operator excludes.
 */
public final class PasswordGenerator {

    /** Fewer characters than this would make short passwords guessable; refused as a configuration error. */
    static final int MIN_ALPHABET = 32;

    private final SecureRandom random = new SecureRandom();
    private final char[] alphabet;
    private final int length;

    /**
     * @param length             password length, {@value ElastiCachePasswords#MIN_LENGTH}-{@value
     *                           ElastiCachePasswords#MAX_LENGTH}
     * @param excludeCharacters  extra characters never to use (e.g. quotes that trouble a shell)
     */
    public PasswordGenerator(int length, String excludeCharacters) {
        if (length < ElastiCachePasswords.MIN_LENGTH || length > ElastiCachePasswords.MAX_LENGTH) {
            throw new IllegalArgumentException("password length must be " + ElastiCachePasswords.MIN_LENGTH + "-"
                    + ElastiCachePasswords.MAX_LENGTH + ", got " + length);
        }
        this.alphabet = alphabet(excludeCharacters).toCharArray();
        this.length = length;
    }

    /**
     * The characters passwords are drawn from: those ElastiCache allows, without {@code excludeCharacters}.
     *
     * @throws IllegalArgumentException when fewer than {@value #MIN_ALPHABET} remain
     */
    static String alphabet(String excludeCharacters) {
        StringBuilder chars = new StringBuilder();
        for (char c = ' '; c <= '~'; c++) {
            if (ElastiCachePasswords.allowed(c) && excludeCharacters.indexOf(c) < 0) {
                chars.append(c);
            }
        }
        if (chars.length() < MIN_ALPHABET) {
            throw new IllegalArgumentException("excluded characters leave fewer than " + MIN_ALPHABET
                    + " characters to build passwords from");
        }
        return chars.toString();
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
