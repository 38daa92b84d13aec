package com.usersplatform.contract;

import java.util.Locale;

/**
 * One service setting: its configuration key, type, default (as written in configuration) and meaning.
 *
 * @param key          dotted configuration key, e.g. {@code rate.limit.rps}
 * @param type         value type
 * @param defaultValue the value when nothing sets it
 * @param description  what it controls, for documentation
 */
public record Setting(String key, Type type, String defaultValue, String description) {
    /** Value types a setting may have. */
    public enum Type { INTEGER, STRING, URI, PATH }

    public Setting {
        if (!key.matches("[a-z][a-z0-9]*(\\.[a-z][a-z0-9-]*)*")) {
            throw new IllegalArgumentException("setting key must be dotted lowercase words: '" + key + "'");
        }
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
}
