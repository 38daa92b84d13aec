package com.usersplatform.contract;

import java.util.Locale;

/**
 * One service setting: its configuration key, type, default (as written in configuration), meaning and, for an
 * integer, the bounds both the service and the stack validation enforce.
 *
 * @param key          dotted configuration key, e.g. {@code rate.limit.rps}
 * @param type         value type
 * @param defaultValue the value when nothing sets it
 * @param description  what it controls, for documentation
 * @param min          smallest accepted value ({@link Type#INTEGER} only)
 * @param max          largest accepted value ({@link Type#INTEGER} only; {@link #UNBOUNDED}: no upper bound)
 */
public record Setting(String key, Type type, String defaultValue, String description, long min, long max) {
    /** {@link #max()} of an integer that only has a lower bound. */
    public static final long UNBOUNDED = Long.MAX_VALUE;

    /** Value types a setting may have. */
    public enum Type { INTEGER, DECIMAL, BOOLEAN, STRING, URI, PATH }

    public Setting {
        if (!key.matches("[a-z][a-z0-9]*(\\.[a-z][a-z0-9-]*)*")) {
            throw new IllegalArgumentException("setting key must be dotted lowercase words: '" + key + "'");
        }
        if (type == Type.INTEGER && (min > max || !allows(min, max, Long.parseLong(defaultValue)))) {
            throw new IllegalArgumentException(key + ": default " + defaultValue + " must be " + range(min, max));
        }
    }

    /** An integer setting accepted from {@code min} to {@code max}. */
    public static Setting integer(String key, long defaultValue, long min, long max, String description) {
        return new Setting(key, Type.INTEGER, Long.toString(defaultValue), description, min, max);
    }

    /** An integer setting of at least {@code min}. */
    public static Setting atLeast(String key, long defaultValue, long min, String description) {
        return integer(key, defaultValue, min, UNBOUNDED, description);
    }

    /** A setting of another type than {@link Type#INTEGER} (no bounds). */
    public static Setting of(String key, Type type, String defaultValue, String description) {
        return new Setting(key, type, defaultValue, description, 0, 0);
    }

    /**
     * The environment variable that overrides this key: upper case, {@code .} and {@code -} as {@code _}
     * ({@code rate.limit.rps} is {@code RATE_LIMIT_RPS}), the inverse of Helidon's environment-variable mapping
     * (https://helidon.io/docs/v4/se/config/config-sources#_environment_variables_config_source).
     */
    public String env() {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The default as an integer (for {@link Type#INTEGER} settings). */
    public int defaultInt() {
        return Integer.parseInt(defaultValue);
    }

    /** Whether {@code value} is within this integer setting's bounds. */
    public boolean allows(long value) {
        return allows(min, max, value);
    }

    /** The bounds in words: {@code between 1 and 100000}, or {@code at least 1} without an upper bound. */
    public String range() {
        return range(min, max);
    }

    /** The problem with {@code value}, naming the key: {@code rate.limit.rps must be between 1 and 100000, got 0}. */
    public String outOfRange(long value) {
        return key + " must be " + range() + ", got " + value;
    }

    private static boolean allows(long min, long max, long value) {
        return value >= min && value <= max;
    }

    private static String range(long min, long max) {
        return max == UNBOUNDED ? "at least " + min : "between " + min + " and " + max;
    }
}
