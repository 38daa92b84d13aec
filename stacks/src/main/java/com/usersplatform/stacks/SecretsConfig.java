package com.usersplatform.stacks;

import java.util.Objects;
import java.util.Optional;

/**
 * Secrets Manager settings of the Redis app-user secret (and the gateway's API-key hashes).
 *
 * @param rotationSchedule when Secrets Manager rotates the Redis password: {@code rate(N hours|days)} or a
 *        six-field {@code cron(0 H D M W *)}; AWS allows every 4 hours ({@code rate(4 hours)}) up to every 999
 *        days; passed to the rotation rules' {@code scheduleExpression} verbatim
 * @param rotationWindowHours hours after the scheduled time within which rotation must run, 1 to 24; shorter
 *        than the rotation interval
 * @param recoveryWindowDays days a deleted secret can still be restored: 0 (delete at once) or 7 to 30
 * @param apiKeyHash first value of the gateway's API-key secret: the lowercase hex SHA-256 of a key the operator
 *        holds; unset generates a first key (stack output {@code firstApiKey}, secret) and seeds its hash. Only the
 *        first {@code up} writes it: operators change the secret afterwards
 */
public record SecretsConfig(String rotationSchedule, int rotationWindowHours, int recoveryWindowDays,
                            Optional<String> apiKeyHash) {

    /** Defaults: rotate every 30 days within a 2-hour window; deleted secrets recoverable for 7 days; first key generated. */
    public static final SecretsConfig DEFAULTS = new SecretsConfig("rate(30 days)", 2, 7, Optional.empty());

    public SecretsConfig {
        Objects.requireNonNull(apiKeyHash, "apiKeyHash");
    }

    /** {@code rotationWindowHours} in the rotation rules' duration syntax, e.g. {@code 2h}. */
    public String rotationWindow() {
        return rotationWindowHours + "h";
    }
}
