package com.usersplatform.common;

import java.time.Duration;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigValuesTest {
    @Test
    void millisReadsTheNodeOrTheDefault() {
        Config config = Config.just(ConfigSources.create(Map.of("a.ms", "250")));
        assertEquals(Duration.ofMillis(250), ConfigValues.millis(config.get("a.ms"), 9));
        assertEquals(Duration.ofMillis(9), ConfigValues.millis(config.get("b.ms"), 9));
    }

    @Test
    void positiveAndRequire() {
        assertTrue(ConfigValues.positive(Duration.ofMillis(1)));
        assertFalse(ConfigValues.positive(Duration.ZERO));
        assertFalse(ConfigValues.positive(Duration.ofMillis(-1)));
        ConfigValues.require(true, "x configuration", "never thrown");
        var e = assertThrows(IllegalArgumentException.class,
                () -> ConfigValues.require(false, "gateway configuration", "a.ms must be positive"));
        assertEquals("Invalid gateway configuration: a.ms must be positive", e.getMessage());
    }
}
