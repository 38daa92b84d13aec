package com.usersplatform.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.usersplatform.contract.CommonContract;
import com.usersplatform.contract.Setting;
import com.usersplatform.contract.UsersContract;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsersConfigTest {

    @Test
    void defaultsComeFromTheContract() {
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
    void sourcesRankSystemPropertiesThenTheContractsVariablesThenApplicationYaml() {
        assertEquals("0.0.0.0", UsersConfig.load(Map.of()).host()); // application.yaml
        // SERVER_HOST is not a contract variable, so it never becomes a setting; a system property does.
        assertEquals("0.0.0.0", UsersConfig.load(Map.of("SERVER_HOST", "10.0.0.1")).host());
        System.setProperty("server.host", "127.0.0.2");
        System.setProperty("server.port", "4002");
        try {
            UsersConfig config = UsersConfig.load(Map.of("SERVER_PORT", "4001"));
            assertEquals("127.0.0.2", config.host());
            assertEquals(4002, config.port());
        } finally {
            System.clearProperty("server.host");
            System.clearProperty("server.port");
        }
        assertEquals(4001, UsersConfig.load(Map.of("SERVER_PORT", "4001")).port());
    }

    /**
     * The service side of the contract: every variable infra may set (UsersContract) changes the setting it names.
     * A key read under another name than the contract's leaves its setting at the default and fails here.
     */
    @Test
    void everyContractEnvironmentVariableChangesItsSetting() {
        UsersConfig defaults = UsersConfig.load(Map.of());
        Map<String, String> changed = new HashMap<>();
        changed.put(UsersContract.REDIS_HOST.env(), "cache.internal");
        changed.put(UsersContract.REDIS_TLS.env(), "true");
        changed.put(UsersContract.REDIS_TLS_CA_FILE.env(), "/etc/ca.pem");
        changed.put(UsersContract.REDIS_CREDENTIALS_FILE.env(), "/secrets/redis");
        changed.put(CommonContract.SERVICE_VERSION.env(), "1.2.3");
        changed.put(CommonContract.LOG_LEVEL.env(), "FINE");
        changed.put(CommonContract.TRACING_OTLP_ENDPOINT.env(), "http://collector:4318");
        changed.put(CommonContract.TRACING_SAMPLING_RATIO.env(), "0.5");
        changed.put(CommonContract.TRACING_LOG_SPANS.env(), "true");
        for (Setting setting : UsersContract.ALL) {
            if (setting.type() == Setting.Type.INTEGER) {
                changed.put(setting.env(), Integer.toString(setting.defaultInt() + 1));
            }
            assertTrue(changed.containsKey(setting.env()), "give " + setting.env() + " another valid value here");
            UsersConfig config = UsersConfig.load(Map.of(setting.env(), changed.get(setting.env())));
            assertNotEquals(defaults, config, setting.env() + " changed no setting: the service reads another key");
        }
    }

    @Test
    void applicationYamlDoesNotRedefineContractSettings() {
        Config yaml = Config.just(ConfigSources.classpath("application.yaml"));
        for (Setting setting : UsersContract.ALL) {
            assertFalse(yaml.get(setting.key()).exists(), setting.key() + " is defined in the contract only");
        }
    }

    @Test
    void logLevelComesFromTheContractDefaultOrItsVariable() {
        assertEquals(Level.INFO, UsersConfig.load(Map.of()).logLevel());
        assertEquals(Level.FINE, UsersConfig.load(Map.of("LOG_LEVEL", "fine")).logLevel());
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

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "SERVER_PORT, -1, 'server.port must be between 0 and 65535, got -1'",
        "SERVER_PORT, 65536, 'server.port must be between 0 and 65535, got 65536'",
        "BODY_LIMIT_BYTES, 0, 'body.limit.bytes must be between 1 and 10485760, got 0'",
        "BODY_LIMIT_BYTES, 10485761, 'body.limit.bytes must be between 1 and 10485760, got 10485761'",
        "REDIS_PORT, 0, 'redis.port must be between 1 and 65535, got 0'",
        "REDIS_PORT, 65536, 'redis.port must be between 1 and 65535, got 65536'",
        "REDIS_POOL_SIZE, 0, 'redis.pool-size must be at least 1, got 0'",
        "REDIS_CONNECT_TIMEOUT_MS, 0, 'redis.connect-timeout-ms must be at least 1, got 0'",
        "REDIS_COMMAND_TIMEOUT_MS, 0, 'redis.command-timeout-ms must be at least 1, got 0'",
        "REDIS_CREDENTIALS_POLL_MS, 0, 'redis.credentials-poll-ms must be at least 1, got 0'",
        "REDIS_CREDENTIALS_POLL_MS, -5, 'redis.credentials-poll-ms must be at least 1, got -5'",
        "REDIS_TLS, yes, 'redis.tls must be true or false, got yes'",
        "LOG_LEVEL, LOUD, 'log.level must be a java.util.logging level such as INFO or FINE, got LOUD'",
    })
    void eachRuleRefusesTheFirstValueOutsideIt(String variable, String value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UsersConfig.load(Map.of(variable, value)));
        assertEquals("Invalid configuration: " + message, e.getMessage());
    }

    @Test
    void acceptsTheEdgesOfEveryRange() {
        UsersConfig low = UsersConfig.load(Map.of("SERVER_PORT", "0", "BODY_LIMIT_BYTES", "1", "REDIS_PORT", "1",
                "REDIS_POOL_SIZE", "1", "REDIS_CONNECT_TIMEOUT_MS", "1", "REDIS_COMMAND_TIMEOUT_MS", "1",
                "REDIS_CREDENTIALS_POLL_MS", "1", "REDIS_CREDENTIALS_STALE_GRACE_MS", "1", "REDIS_TLS", "FALSE"));
        assertEquals(0, low.port());
        assertEquals(1, low.bodyLimitBytes());
        assertEquals(new UsersConfig.RedisConfig("127.0.0.1", 1, false, Optional.empty(), Optional.empty(),
                Duration.ofMillis(1), 1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1)),
                low.redis());
        UsersConfig high = UsersConfig.load(Map.of("SERVER_PORT", "65535", "REDIS_PORT", "65535", "REDIS_TLS", "True"));
        assertEquals(65535, high.port());
        assertEquals(65535, high.redis().port());
        assertTrue(high.redis().tls());
        assertEquals(UsersConfig.RedisConfig.DEFAULT_CREDENTIALS_STALE_GRACE, high.redis().credentialsStaleGrace());
        assertEquals(Duration.ofMillis(1000), high.redis().credentialsPoll());
        assertEquals(Duration.ofMillis(500), high.redis().commandTimeout());
        assertEquals(16, high.redis().poolSize());
    }

    @Test
    void anEmptyHostIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UsersConfig.RedisConfig(
                " ", 6379, false, Optional.empty(), Optional.empty(), Duration.ofSeconds(1), 1, Duration.ofSeconds(1),
                Duration.ofSeconds(1)));
        assertEquals("Invalid configuration: redis.host must not be empty", e.getMessage());
    }
}
