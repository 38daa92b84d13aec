package com.usersplatform.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsersConfigTest {

    @Test
    void defaultsComeFromApplicationYaml() {
        UsersConfig config = UsersConfig.load(Map.of());
        assertEquals(3001, config.port());
        assertEquals(16_384, config.bodyLimitBytes());
        assertEquals("127.0.0.1", config.redis().host());
        assertEquals(6379, config.redis().port());
        assertFalse(config.redis().tls());
        assertTrue(config.redis().credentialsFile().isEmpty());
        assertTrue(config.redis().tlsCaFile().isEmpty());
        assertEquals(Duration.ofMillis(500), config.redis().connectTimeout());
    }

    @Test
    void environmentVariablesOverrideEverySetting() {
        UsersConfig config = UsersConfig.load(Map.ofEntries(
                Map.entry("SERVER_PORT", "4001"), Map.entry("SERVICE_VERSION", "1.2.3"),
                Map.entry("BODY_LIMIT_BYTES", "1024"), Map.entry("REDIS_HOST", "cache.internal"),
                Map.entry("REDIS_PORT", "6380"), Map.entry("REDIS_TLS", "true"),
                Map.entry("REDIS_TLS_CA_FILE", "/etc/ca.pem"), Map.entry("REDIS_CREDENTIALS_FILE", "/secrets/redis"),
                Map.entry("REDIS_CREDENTIALS_POLL_MS", "2000"), Map.entry("REDIS_POOL_SIZE", "32"),
                Map.entry("REDIS_CONNECT_TIMEOUT_MS", "250"), Map.entry("REDIS_COMMAND_TIMEOUT_MS", "750"),
                Map.entry("REDIS_CREDENTIALS_STALE_GRACE_MS", "5000")));
        assertEquals(4001, config.port());
        assertEquals("1.2.3", config.version());
        assertEquals(1024, config.bodyLimitBytes());
        assertEquals(new UsersConfig.RedisConfig("cache.internal", 6380, true, Optional.of(Path.of("/etc/ca.pem")),
                Optional.of(Path.of("/secrets/redis")), Duration.ofMillis(2000), 32,
                Duration.ofMillis(250), Duration.ofMillis(750), Duration.ofSeconds(5)), config.redis());
    }

    @Test
    void invalidValuesNameTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UsersConfig.load(Map.of("REDIS_POOL_SIZE", "0")));
        assertTrue(e.getMessage().contains("redis.pool-size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> UsersConfig.load(Map.of("REDIS_PORT", "70000")));
        assertTrue(e.getMessage().contains("redis.port"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> UsersConfig.load(Map.of("REDIS_TLS", "yes")));
        assertTrue(e.getMessage().contains("redis.tls"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> UsersConfig.load(Map.of("REDIS_CREDENTIALS_STALE_GRACE_MS", "0")));
        assertTrue(e.getMessage().contains("redis.credentials-stale-grace-ms"), e.getMessage());
    }

    @Test
    void tracingComesFromTheSameEnvironmentVariablesAsInTheGateway() {
        UsersConfig config = UsersConfig.load(Map.of("TRACING_OTLP_ENDPOINT", "http://collector:4318",
                "TRACING_SAMPLING_RATIO", "0.25", "TRACING_EXPORT_TIMEOUT_MS", "3000"));
        assertEquals(Optional.of(java.net.URI.create("http://collector:4318")), config.tracing().otlpEndpoint());
        assertEquals(0.25, config.tracing().samplingRatio());
        assertEquals(Duration.ofMillis(3000), config.tracing().exportTimeout());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UsersConfig.load(Map.of("TRACING_SAMPLING_RATIO", "1.5")));
        assertTrue(e.getMessage().contains("tracing.sampling.ratio"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> UsersConfig.load(Map.of("TRACING_LOG_SPANS", "yes")));
        assertTrue(e.getMessage().contains("tracing.log.spans"), e.getMessage());
    }
}
