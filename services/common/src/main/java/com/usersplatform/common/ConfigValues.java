package com.usersplatform.common;

import java.time.Duration;

import io.helidon.config.Config;

/** Small helpers every service's configuration record uses to read and check its values. */
public final class ConfigValues {
    private ConfigValues() {
    }

    /** {@code node} as milliseconds, {@code defaultMillis} when absent. */
    public static Duration millis(Config node, long defaultMillis) {
        return Duration.ofMillis(node.asLong().orElse(defaultMillis));
    }

    /** Whether {@code duration} is above zero. */
    public static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    /**
     * @param what    whose configuration, e.g. {@code gateway configuration} (starts the message)
     * @throws IllegalArgumentException {@code "Invalid <what>: <message>"} unless {@code condition} holds
     */
    public static void require(boolean condition, String what, String message) {
        if (!condition) {
            throw new IllegalArgumentException("Invalid " + what + ": " + message);
        }
    }
}
