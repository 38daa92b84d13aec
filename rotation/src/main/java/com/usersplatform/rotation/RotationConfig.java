package com.usersplatform.rotation;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * The function's settings, read once from its Lambda environment. No secret is ever configured here: the
 * credentials live only in the secret being rotated.
 *
 * @param redisHost               {@code REDIS_HOST}: primary endpoint of the replication group (required)
 * @param redisPort               {@code REDIS_PORT}: default 6379
 * @param userId                  {@code USER_ID}: ElastiCache user id; optional, must match the secret's user_arn
 * @param passwordLength          {@code PASSWORD_LENGTH}: 16-128, default 48
 * @param excludeCharacters       {@code EXCLUDE_CHARACTERS}: never used in passwords, besides ElastiCache's
 *                                forbidden {@code " / @} and space; default {@code ' \ `}
 * @param userActiveTimeout       {@code USER_ACTIVE_TIMEOUT_SECONDS}: wait for the user to be active, default 120
 * @param redisTimeout            {@code REDIS_TIMEOUT_MS}: connect and command timeout of testSecret, default 5000
 * @param secretsManagerEndpoint  {@code SECRETS_MANAGER_ENDPOINT}: optional endpoint override (AWS templates' name)
 */
public record RotationConfig(String redisHost, int redisPort, String userId, int passwordLength,
                             String excludeCharacters, Duration userActiveTimeout, Duration redisTimeout,
                             URI secretsManagerEndpoint) {

    /** How often the user's status is polled while it is modifying. */
    public static final Duration STATUS_POLL_INTERVAL = Duration.ofSeconds(5);

    /** Reads the environment; the error names the variable and the rule. */
    public static RotationConfig fromEnvironment(Map<String, String> env) {
        String host = env.get("REDIS_HOST");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("REDIS_HOST must name the Redis primary endpoint");
        }
        return new RotationConfig(host.strip(),
                number(env, "REDIS_PORT", 6379, 1, 65_535),
                optional(env, "USER_ID", Function.identity()),
                number(env, "PASSWORD_LENGTH", 48, PasswordGenerator.MIN_LENGTH, PasswordGenerator.MAX_LENGTH),
                env.getOrDefault("EXCLUDE_CHARACTERS", "'\\`"),
                Duration.ofSeconds(number(env, "USER_ACTIVE_TIMEOUT_SECONDS", 120, 10, 420)),
                Duration.ofMillis(number(env, "REDIS_TIMEOUT_MS", 5000, 100, 60_000)),
                optional(env, "SECRETS_MANAGER_ENDPOINT", URI::create));
    }

    /** What the step logic needs from this configuration. */
    public SecretRotation.Settings settings() {
        return new SecretRotation.Settings(userId, userActiveTimeout, STATUS_POLL_INTERVAL);
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
