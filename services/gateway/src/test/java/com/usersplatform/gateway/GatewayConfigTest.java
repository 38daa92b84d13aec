package com.usersplatform.gateway;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.EnvironmentVariables;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayConfigTest {
    /** Config as production builds it: environment variables (with Helidon's aliases) over application.yaml. */
    private static GatewayConfig withEnvironment(Map<String, String> environment) {
        return GatewayConfig.from(Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(EnvironmentVariables.expand(environment)),
                        ConfigSources.classpath("application.yaml"))
                .build());
    }

    @Test
    void everyContractEnvironmentVariableOverridesItsSetting() {
        GatewayConfig config = withEnvironment(Map.of(
                "USERS_URL", "http://users.apps.svc:3001",
                "API_KEYS_FILE", "/var/run/keys/hashes",
                "RATE_LIMIT_RPS", "7",
                "RATE_LIMIT_BURST", "9",
                "BODY_LIMIT_BYTES", "2048",
                "UPSTREAM_CONNECT_TIMEOUT_MS", "250",
                "UPSTREAM_READ_TIMEOUT_MS", "1500",
                "SERVICE_VERSION", "1.2.3"));
        assertEquals(URI.create("http://users.apps.svc:3001"), config.upstream().baseUri());
        assertEquals(Path.of("/var/run/keys/hashes"), config.apiKeysFile());
        assertEquals(7, config.rateLimitRps());
        assertEquals(9, config.rateLimitBurst());
        assertEquals(2048, config.bodyLimitBytes());
        assertEquals(Duration.ofMillis(250), config.upstream().connectTimeout());
        assertEquals(Duration.ofMillis(1500), config.upstream().readTimeout());
        assertEquals("1.2.3", config.version());
        Config server = Config.just(ConfigSources.create(EnvironmentVariables.expand(Map.of("SERVER_PORT", "8080"))));
        assertEquals(8080, server.get("server.port").asInt().orElseThrow());
    }

    @Test
    void defaultsComeFromApplicationYaml() {
        GatewayConfig config = withEnvironment(Map.of());
        assertEquals(URI.create("http://127.0.0.1:3001"), config.upstream().baseUri());
        assertEquals(16_384, config.bodyLimitBytes());
        assertEquals(Duration.ofMillis(500), config.upstream().connectTimeout());
        assertEquals(Duration.ofMillis(5000), config.upstream().readTimeout());
    }

    @Test
    void impossibleValuesAreRejectedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> withEnvironment(Map.of("BODY_LIMIT_BYTES", "0")));
        assertTrue(e.getMessage().contains("body.limit.bytes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> withEnvironment(Map.of("USERS_URL", "users:3001")));
        assertTrue(e.getMessage().contains("users.url"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> withEnvironment(Map.of("UPSTREAM_READ_TIMEOUT_MS", "-1")));
        assertTrue(e.getMessage().contains("upstream.read.timeout.ms"), e.getMessage());
    }

    @Test
    void tracingComesFromTheSameEnvironmentVariablesAsInUsers() {
        GatewayConfig config = withEnvironment(Map.of("TRACING_OTLP_ENDPOINT", "http://collector:4318",
                "TRACING_SAMPLING_RATIO", "0.25", "TRACING_QUEUE_SIZE", "512", "TRACING_LOG_SPANS", "true"));
        assertEquals(java.util.Optional.of(URI.create("http://collector:4318")), config.tracing().otlpEndpoint());
        assertEquals(0.25, config.tracing().samplingRatio());
        assertEquals(512, config.tracing().queueSize());
        assertTrue(config.tracing().logSpans());
        assertEquals(java.util.Optional.empty(), withEnvironment(Map.of()).tracing().otlpEndpoint(),
                "no endpoint by default: nothing exported");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> withEnvironment(Map.of("TRACING_SAMPLING_RATIO", "half")));
        assertTrue(e.getMessage().contains("tracing.sampling.ratio"), e.getMessage());
    }
}
