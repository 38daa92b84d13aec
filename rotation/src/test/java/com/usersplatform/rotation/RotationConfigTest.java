package com.usersplatform.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RotationConfigTest {

    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:redis-Ab12Cd";

    @Test
    void defaultsEverythingButTheSecretAndTheRedisHost() {
        RotationConfig config = RotationConfig.fromEnvironment(Map.of("SECRET_ARN", ARN,
                "REDIS_HOST", "master.cache.example"));
        assertEquals(ARN, config.secretArn());
        assertEquals("master.cache.example", config.redisHost());
        assertEquals(6379, config.redisPort());
        assertNull(config.userId());
        assertEquals(48, config.passwordLength());
        assertEquals("'\\`", config.excludeCharacters());
        assertEquals(Duration.ofSeconds(600), config.userActiveTimeout(), "AWS's template waits 600 s");
        assertEquals(Duration.ofSeconds(60), config.loginTimeout());
        assertEquals(Duration.ofHours(2), config.minimumPasswordAge());
        assertNull(config.secretsManagerEndpoint());
    }

    @Test
    void readsEveryVariable() {
        RotationConfig config = RotationConfig.fromEnvironment(Map.ofEntries(Map.entry("SECRET_ARN", ARN),
                Map.entry("REDIS_HOST", "h"), Map.entry("REDIS_PORT", "6380"),
                Map.entry("USER_ID", "users-platform-app"), Map.entry("PASSWORD_LENGTH", "64"),
                Map.entry("EXCLUDE_CHARACTERS", "%"), Map.entry("USER_ACTIVE_TIMEOUT_SECONDS", "60"),
                Map.entry("TEST_LOGIN_TIMEOUT_SECONDS", "30"), Map.entry("MIN_PASSWORD_AGE_SECONDS", "900"),
                Map.entry("REDIS_TIMEOUT_MS", "2000"), Map.entry("SECRETS_MANAGER_ENDPOINT", "https://vpce.example")));
        assertEquals(6380, config.redisPort());
        assertEquals(ARN, config.settings().secretArn());
        assertEquals("users-platform-app", config.settings().userId());
        assertEquals(64, config.passwordLength());
        assertEquals("%", config.excludeCharacters());
        assertEquals(Duration.ofSeconds(60), config.settings().activeTimeout());
        assertEquals(Duration.ofSeconds(30), config.settings().loginTimeout());
        assertEquals(Duration.ofSeconds(900), config.settings().minimumPasswordAge());
        assertEquals(Duration.ofMillis(2000), config.redisTimeout());
        assertEquals(URI.create("https://vpce.example"), config.secretsManagerEndpoint());
    }

    @Test
    void errorsNameTheVariableAndTheRule() {
        assertEquals("SECRET_ARN must name the secret this function rotates", error(Map.of("REDIS_HOST", "h")));
        assertEquals("REDIS_HOST must name the Redis primary endpoint", error(Map.of("SECRET_ARN", ARN)));
        assertEquals("PASSWORD_LENGTH must be a whole number from 16 to 128", error(with("PASSWORD_LENGTH", "8")));
        assertEquals("REDIS_PORT must be a whole number from 1 to 65535", error(with("REDIS_PORT", "redis")));
        assertEquals("USER_ACTIVE_TIMEOUT_SECONDS must be a whole number from 60 to 720",
                error(with("USER_ACTIVE_TIMEOUT_SECONDS", "900")), "the function's timeout must stay under 900 s");
    }

    @Test
    void refusesExclusionsThatAreNotPrintableAsciiOrLeaveTooFewCharacters() {
        assertEquals("EXCLUDE_CHARACTERS must hold printable ASCII characters only",
                error(with("EXCLUDE_CHARACTERS", "é")));
        assertEquals("EXCLUDE_CHARACTERS must hold printable ASCII characters only",
                error(with("EXCLUDE_CHARACTERS", "\t")));
        String allButDigits = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&()*+-.:;<=>?[]^_{|}~'\\`";
        assertEquals("EXCLUDE_CHARACTERS excluded characters leave fewer than 32 characters to build passwords from",
                error(with("EXCLUDE_CHARACTERS", allButDigits)));
    }

    @Test
    void acceptsEveryRangeAtBothEnds() {
        Map<String, String> low = with("REDIS_PORT", "1");
        low.putAll(Map.of("PASSWORD_LENGTH", "16", "USER_ACTIVE_TIMEOUT_SECONDS", "60",
                "TEST_LOGIN_TIMEOUT_SECONDS", "5", "MIN_PASSWORD_AGE_SECONDS", "0", "REDIS_TIMEOUT_MS", "100",
                "EXCLUDE_CHARACTERS", " ~"));
        RotationConfig lowest = RotationConfig.fromEnvironment(low);
        assertEquals(1, lowest.redisPort());
        assertEquals(16, lowest.passwordLength());
        assertEquals(" ~", lowest.excludeCharacters(), "space and tilde are printable ASCII");
        Map<String, String> high = with("REDIS_PORT", "65535");
        high.putAll(Map.of("PASSWORD_LENGTH", "128", "USER_ACTIVE_TIMEOUT_SECONDS", "720",
                "TEST_LOGIN_TIMEOUT_SECONDS", "120", "MIN_PASSWORD_AGE_SECONDS", "86400", "REDIS_TIMEOUT_MS", "60000"));
        RotationConfig highest = RotationConfig.fromEnvironment(high);
        assertEquals(65535, highest.redisPort());
        assertEquals(java.time.Duration.ofSeconds(720), highest.userActiveTimeout());
        assertEquals("REDIS_PORT must be a whole number from 1 to 65535", error(with("REDIS_PORT", "0")));
        assertEquals("REDIS_PORT must be a whole number from 1 to 65535", error(with("REDIS_PORT", "65536")));
        assertEquals("USER_ACTIVE_TIMEOUT_SECONDS must be a whole number from 60 to 720",
                error(with("USER_ACTIVE_TIMEOUT_SECONDS", "721")));
        assertEquals("EXCLUDE_CHARACTERS must hold printable ASCII characters only",
                error(with("EXCLUDE_CHARACTERS", "\u007f")));
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> env = new HashMap<>(Map.of("SECRET_ARN", ARN, "REDIS_HOST", "h"));
        env.put(name, value);
        return env;
    }

    private static String error(Map<String, String> env) {
        return assertThrows(IllegalArgumentException.class, () -> RotationConfig.fromEnvironment(env)).getMessage();
    }
}
