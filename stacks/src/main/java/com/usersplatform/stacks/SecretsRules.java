package com.usersplatform.stacks;

import java.util.regex.Pattern;

/** Rules of {@code users-platform:secrets}: the rotation schedule and window within Secrets Manager's bounds. */
final class SecretsRules {

    private static final String PATH = StackValidator.PREFIX + "secrets";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private SecretsRules() {
    }

    static void check(SecretsConfig secrets, boolean production, Problems problems) {
        int window = secrets.rotationWindowHours();
        problems.range(PATH + ".rotationWindowHours", window, 1, 24);
        try {
            RotationSchedule schedule = RotationSchedule.parse(secrets.rotationSchedule());
            problems.check(window <= schedule.shortestGapHours(), PATH + ".rotationWindowHours",
                    "window (" + window + "h) must not reach the next rotation (" + schedule.shortestGapHours()
                            + "h apart)");
            problems.check(schedule.latestStartHour() + window <= 24, PATH + ".rotationWindowHours",
                    "window (" + window + "h) opening at " + schedule.latestStartHour()
                            + ":00 must close by midnight UTC");
        } catch (IllegalArgumentException e) {
            problems.rule(PATH + ".rotationSchedule", e.getMessage());
        }
        secrets.apiKeyHash().ifPresent(hash -> problems.check(SHA256_HEX.matcher(hash).matches(),
                PATH + ".apiKeyHash", "must be the lowercase hex SHA-256 of a key (64 characters 0-9a-f), as the"
                        + " gateway reads it"));
        int recovery = secrets.recoveryWindowDays();
        problems.check(recovery == 0 || (recovery >= 7 && recovery <= 30), PATH + ".recoveryWindowDays",
                "must be 0 (delete at once) or 7 to 30, got " + recovery);
        problems.check(!production || recovery >= 7, PATH + ".recoveryWindowDays",
                "must be at least 7 in production (a deleted secret stays recoverable)");
    }
}
