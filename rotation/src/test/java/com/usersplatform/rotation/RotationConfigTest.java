package com.usersplatform.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RotationConfigTest {

    @Test
    void defaultsEverythingButTheRedisHost() {
        RotationConfig config = RotationConfig.fromEnvironment(Map.of("REDIS_HOST", "master.cache.example"));
        assertEquals("master.cache.example", config.redisHost());
        assertEquals(6379, config.redisPort());
        assertNull(config.userId());
        assertEquals(48, config.passwordLength());
        assertEquals("'\\`", config.excludeCharacters());
        assertEquals(Duration.ofSeconds(120), config.userActiveTimeout());
        assertNull(config.secretsManagerEndpoint());
    }

    @Test
    void readsEveryVariable() {
        RotationConfig config = RotationConfig.fromEnvironment(Map.of("REDIS_HOST", "h", "REDIS_PORT", "6380",
                "USER_ID", "users-platform-app", "PASSWORD_LENGTH", "64", "EXCLUDE_CHARACTERS", "%",
                "USER_ACTIVE_TIMEOUT_SECONDS", "60", "REDIS_TIMEOUT_MS", "2000",
                "SECRETS_MANAGER_ENDPOINT", "https://vpce.example"));
        assertEquals(6380, config.redisPort());
        assertEquals("users-platform-app", config.settings().userId());
        assertEquals(64, config.passwordLength());
        assertEquals("%", config.excludeCharacters());
        assertEquals(Duration.ofSeconds(60), config.settings().activeTimeout());
        assertEquals(Duration.ofMillis(2000), config.redisTimeout());
        assertEquals(URI.create("https://vpce.example"), config.secretsManagerEndpoint());
    }

    @Test
    void errorsNameTheVariableAndTheRule() {
        assertEquals("REDIS_HOST must name the Redis primary endpoint",
                assertThrows(IllegalArgumentException.class, () -> RotationConfig.fromEnvironment(Map.of()))
                        .getMessage());
        assertEquals("PASSWORD_LENGTH must be a whole number from 16 to 128",
                assertThrows(IllegalArgumentException.class, () -> RotationConfig.fromEnvironment(
                        Map.of("REDIS_HOST", "h", "PASSWORD_LENGTH", "8"))).getMessage());
        assertEquals("REDIS_PORT must be a whole number from 1 to 65535",
                assertThrows(IllegalArgumentException.class, () -> RotationConfig.fromEnvironment(
                        Map.of("REDIS_HOST", "h", "REDIS_PORT", "redis"))).getMessage());
    }
}
