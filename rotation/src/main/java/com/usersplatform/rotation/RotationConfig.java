package com.usersplatform.rotation;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * The function's settings, read once from its Lambda environment. No secret is ever configured here: the
 * credentials live only in the secret being rotated.
 *
 * @param secretArn               {@code SECRET_ARN}: the one secret this function rotates; events naming another
 *                                are refused, as in AWS's own ElastiCache rotation template (required)
 * @param redisHost               {@code REDIS_HOST}: primary endpoint of the replication group (required)
 * @param redisPort               {@code REDIS_PORT}: default 6379
 * @param userId                  {@code USER_ID}: ElastiCache user id; optional, must match the secret's user_arn
 * @param passwordLength          {@code PASSWORD_LENGTH}: 16-128, default 48
 * @param excludeCharacters       {@code EXCLUDE_CHARACTERS}: printable ASCII never used in passwords, besides the
 *                                characters ElastiCache forbids ({@link ElastiCachePasswords}); default {@code ' \ `}
 * @param userActiveTimeout       {@code USER_ACTIVE_TIMEOUT_SECONDS}: how long one step waits for the user to be
 *                                {@code active} after ModifyUser, {@value #MIN_ACTIVE_WAIT_SECONDS}-{@value
 *                                #MAX_ACTIVE_WAIT_SECONDS}, default {@value #DEFAULT_ACTIVE_WAIT_SECONDS} (AWS's
 *                                template waits 600 s; the function's timeout is derived from it in infra)
 * @param loginTimeout            {@code TEST_LOGIN_TIMEOUT_SECONDS}: how long testSecret retries logging in,
 *                                5-{@value #MAX_LOGIN_WAIT_SECONDS}, default {@value #DEFAULT_LOGIN_WAIT_SECONDS}
 * @param minimumPasswordAge      {@code MIN_PASSWORD_AGE_SECONDS}: setSecret refuses to drop the previous password
 *                                while the current one is younger than this, 0-86400, default {@value
 *                                #DEFAULT_MIN_PASSWORD_AGE_SECONDS} (see docs/rotation.md for the arithmetic)
 * @param redisTimeout            {@code REDIS_TIMEOUT_MS}: connect and command timeout of one login, default 5000
 * @param secretsManagerEndpoint  {@code SECRETS_MANAGER_ENDPOINT}: optional endpoint override (AWS templates' name)
 */
public record RotationConfig(String secretArn, String redisHost, int redisPort, String userId, int passwordLength,
                             String excludeCharacters, Duration userActiveTimeout, Duration loginTimeout,
                             Duration minimumPasswordAge, Duration redisTimeout, URI secretsManagerEndpoint) {

    public static final int MIN_ACTIVE_WAIT_SECONDS = 60;
    /** Keeps the derived function timeout under Lambda's 900 s maximum. */
    public static final int MAX_ACTIVE_WAIT_SECONDS = 720;
    public static final int DEFAULT_ACTIVE_WAIT_SECONDS = 600;
    public static final int MAX_LOGIN_WAIT_SECONDS = 120;
    public static final int DEFAULT_LOGIN_WAIT_SECONDS = 60;
    /**
     * Two hours: above the delivery delay of a new password to every pod even with External Secrets' default
     * refresh of 1 h (ours is 1 min) plus the kubelet sync (1 min) and the service's poll (1 s), and below the
     * shortest rotation schedule AWS allows (4 h), so a scheduled rotation never meets the guard.
     */
    public static final int DEFAULT_MIN_PASSWORD_AGE_SECONDS = 7200;

    /** How often the user's status is polled while it is modifying (AWS's template: 10 s). */
    public static final Duration STATUS_POLL_INTERVAL = Duration.ofSeconds(5);
    /** Pause between testSecret's login attempts. */
    public static final Duration LOGIN_RETRY_INTERVAL = Duration.ofSeconds(2);

    /** Reads the environment; the error names the variable and the rule. */
    public static RotationConfig fromEnvironment(Map<String, String> env) {
        return new RotationConfig(
                required(env, "SECRET_ARN", "must name the secret this function rotates"),
                required(env, "REDIS_HOST", "must name the Redis primary endpoint"),
                number(env, "REDIS_PORT", 6379, 1, 65_535),
                optional(env, "USER_ID", Function.identity()),
                number(env, "PASSWORD_LENGTH", 48, ElastiCachePasswords.MIN_LENGTH, ElastiCachePasswords.MAX_LENGTH),
                exclusions(env.getOrDefault("EXCLUDE_CHARACTERS", "'\\`")),
                Duration.ofSeconds(number(env, "USER_ACTIVE_TIMEOUT_SECONDS", DEFAULT_ACTIVE_WAIT_SECONDS,
                        MIN_ACTIVE_WAIT_SECONDS, MAX_ACTIVE_WAIT_SECONDS)),
                Duration.ofSeconds(number(env, "TEST_LOGIN_TIMEOUT_SECONDS", DEFAULT_LOGIN_WAIT_SECONDS, 5,
                        MAX_LOGIN_WAIT_SECONDS)),
                Duration.ofSeconds(number(env, "MIN_PASSWORD_AGE_SECONDS", DEFAULT_MIN_PASSWORD_AGE_SECONDS, 0,
                        86_400)),
                Duration.ofMillis(number(env, "REDIS_TIMEOUT_MS", 5000, 100, 60_000)),
                optional(env, "SECRETS_MANAGER_ENDPOINT", URI::create));
    }

    /** What the step logic needs from this configuration. */
    public SecretRotation.Settings settings() {
        return new SecretRotation.Settings(secretArn, userId, userActiveTimeout, STATUS_POLL_INTERVAL, loginTimeout,
                LOGIN_RETRY_INTERVAL, minimumPasswordAge, Clock.systemUTC());
    }

    private static String exclusions(String raw) {
        if (!raw.chars().allMatch(c -> c >= ' ' && c <= '~')) {
            throw new IllegalArgumentException("EXCLUDE_CHARACTERS must hold printable ASCII characters only");
        }
        try {
            PasswordGenerator.alphabet(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("EXCLUDE_CHARACTERS " + e.getMessage(), e);
        }
        return raw;
    }

    private static String required(Map<String, String> env, String name, String rule) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " " + rule);
        }
        return value.strip();
    }

    private static int number(Map<String, String> env, String name, int fallback, int min, int max) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max);
    }

    private static <T> T optional(Map<String, String> env, String name, Function<String, T> parse) {
        String raw = env.get(name);
        return raw == null || raw.isBlank() ? null : parse.apply(raw.strip());
    }
}
