package com.usersplatform.common;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;

import com.usersplatform.contract.CommonContract;
import com.usersplatform.contract.Setting;
import io.helidon.config.Config;

/**
 * Reads a service's settings from its configuration root by their {@link Setting} (key and default from the
 * contract) and checks them against the contract's bounds. {@code what} names whose configuration it is, e.g.
 * {@code gateway configuration}, and starts every error message.
 */
public final class ConfigValues {
    private ConfigValues() {
    }

    /** {@code node} as milliseconds, {@code defaultMillis} when absent (settings outside the contract). */
    public static Duration millis(Config node, long defaultMillis) {
        return Duration.ofMillis(node.asLong().orElse(defaultMillis));
    }

    /** Whether {@code duration} is above zero. */
    public static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    /** The value of {@code setting}, or its default. */
    public static String string(Config root, Setting setting) {
        return root.get(setting.key()).asString().orElse(setting.defaultValue());
    }

    /** The integer value of {@code setting}, or its default (bounds are checked where the value is used). */
    public static int integer(Config root, Setting setting) {
        return root.get(setting.key()).asInt().orElse(setting.defaultInt());
    }

    /** The value of a milliseconds {@code setting}, or its default. */
    public static Duration millis(Config root, Setting setting) {
        return millis(root.get(setting.key()), setting.defaultInt());
    }

    /** Only {@code true} or {@code false}, any case: a typo such as {@code yes} must not silently mean false. */
    public static boolean bool(Config root, Setting setting, String what) {
        String value = string(root, setting).trim().toLowerCase(Locale.ROOT);
        require(value.equals("true") || value.equals("false"), what,
                setting.key() + " must be true or false, got " + value);
        return Boolean.parseBoolean(value);
    }

    /** The path {@code setting} names; empty when it is blank. */
    public static Optional<Path> path(Config root, Setting setting) {
        return nonBlank(root, setting).map(Path::of);
    }

    /** The URI {@code setting} names; empty when it is blank. */
    public static Optional<URI> uri(Config root, Setting setting) {
        return nonBlank(root, setting).map(URI::create);
    }

    /** {@code log.level} as a java.util.logging level ({@code SEVERE}, {@code WARNING}, {@code INFO}, {@code FINE}...). */
    public static Level logLevel(Config root, String what) {
        String name = string(root, CommonContract.LOG_LEVEL).trim().toUpperCase(Locale.ROOT);
        try {
            return Level.parse(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid " + what + ": " + CommonContract.LOG_LEVEL.key()
                    + " must be a java.util.logging level such as INFO or FINE, got " + name, e);
        }
    }

    /** Requires {@code value} within the bounds of {@code setting}, naming its key. */
    public static void requireWithin(Setting setting, long value, String what) {
        require(setting.allows(value), what, setting.outOfRange(value));
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

    private static Optional<String> nonBlank(Config root, Setting setting) {
        return Optional.of(string(root, setting).trim()).filter(value -> !value.isEmpty());
    }
}
