package com.usersplatform.gateway;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Collectors;

import com.usersplatform.common.TracingSettings;
import com.usersplatform.contract.CommonContract;
import com.usersplatform.contract.GatewayContract;
import com.usersplatform.contract.Setting;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.EnvironmentVariables;
import io.helidon.webserver.http1.Http1Config;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayConfigTest {
    /** The gateway's configuration (its Main's own) with {@code environment} as its environment variables. */
    private static Config config(Map<String, String> environment) {
        return Main.config(ConfigSources.create(EnvironmentVariables.expand(environment)).build());
    }

    /** The settings the gateway starts with in {@code environment}. */
    private static GatewayConfig withEnvironment(Map<String, String> environment) {
        return GatewayConfig.from(config(environment));
    }

    @Test
    void everyContractEnvironmentVariableOverridesItsSetting() {
        Map<String, String> env = new HashMap<>();
        env.put(GatewayContract.USERS_URL.env(), "http://users.apps.svc:3001");
        env.put(GatewayContract.API_KEYS_FILE.env(), "/var/run/keys/hashes");
        env.put(GatewayContract.RATE_LIMIT_RPS.env(), "7");
        env.put(GatewayContract.RATE_LIMIT_BURST.env(), "9");
        env.put(GatewayContract.RATE_LIMIT_TRUSTED_HOPS.env(), "2");
        env.put(CommonContract.BODY_LIMIT_BYTES.env(), "2048");
        env.put(GatewayContract.UPSTREAM_CONNECT_TIMEOUT_MS.env(), "250");
        env.put(GatewayContract.UPSTREAM_READ_TIMEOUT_MS.env(), "1500");
        env.put(CommonContract.SERVICE_VERSION.env(), "1.2.3");
        env.put(GatewayContract.SERVER_PORT.env(), "8080");
        env.put(CommonContract.LOG_LEVEL.env(), "FINE");
        env.put(CommonContract.TRACING_OTLP_ENDPOINT.env(), "http://collector:4318");
        env.put(CommonContract.TRACING_SAMPLING_RATIO.env(), "0.5");
        env.put(CommonContract.TRACING_QUEUE_SIZE.env(), "16");
        env.put(CommonContract.TRACING_EXPORT_TIMEOUT_MS.env(), "3000");
        env.put(CommonContract.TRACING_LOG_SPANS.env(), "true");
        // Every contract setting is covered: a new one must be added here.
        assertEquals(GatewayContract.ALL.stream().map(Setting::env).collect(Collectors.toSet()), env.keySet());
        GatewayConfig config = withEnvironment(env);
        assertEquals(URI.create("http://users.apps.svc:3001"), config.upstream().baseUri());
        assertEquals(Path.of("/var/run/keys/hashes"), config.apiKeysFile());
        assertEquals(7, config.rateLimitRps());
        assertEquals(9, config.rateLimitBurst());
        assertEquals(2, config.trustedProxyHops());
        assertEquals(2048, config.bodyLimitBytes());
        assertEquals(Duration.ofMillis(250), config.upstream().connectTimeout());
        assertEquals(Duration.ofMillis(1500), config.upstream().readTimeout());
        assertEquals("1.2.3", config.version());
        assertEquals(Level.FINE, config.logLevel());
        assertEquals(new TracingSettings(Optional.of(URI.create("http://collector:4318")), 0.5, 16,
                Duration.ofMillis(3000), true), config.tracing());
        assertEquals(8080, config(env).get(GatewayContract.SERVER_PORT.key()).asInt().orElseThrow());
    }

    @Test
    void sourcesRankSystemPropertiesThenTheEnvironmentThenApplicationYaml() {
        // application.yaml's server.host is overridden by the environment, and a finer knob can be set there too.
        Map<String, String> env = Map.of("SERVER_HOST", "127.0.0.1", "UPSTREAM_BREAKER_OPEN_MS", "900",
                "GATEWAY_TEST_ONLY", "from the environment");
        assertEquals("0.0.0.0", config(Map.of()).get("server.host").asString().orElseThrow());
        assertEquals("127.0.0.1", config(env).get("server.host").asString().orElseThrow());
        assertEquals(Duration.ofMillis(900), withEnvironment(env).upstream().breakerOpenFor());
        // A key no other test reads, so setting the property cannot disturb them.
        System.setProperty("gateway.test.only", "from a system property");
        try {
            assertEquals("from a system property",
                    config(env).get("gateway.test.only").asString().orElseThrow());
        } finally {
            System.clearProperty("gateway.test.only");
        }
        assertEquals("from the environment", config(env).get("gateway.test.only").asString().orElseThrow());
    }

    @Test
    void theServerChecksWhatClientsSendButNotItsOwnAnswersAgain() {
        Http1Config http1 = Http1Config.create(config(Map.of()).get("server.protocols.http_1_1"));
        assertFalse(http1.validateResponseHeaders(), "every answer's fields are constants or were checked already");
        assertTrue(http1.validateRequestHeaders(), "client input is still checked");
        assertTrue(http1.validatePath());
    }

    @Test
    void applicationYamlDoesNotRedefineContractSettings() {
        Config yaml = Config.just(ConfigSources.classpath("application.yaml"));
        for (Setting setting : GatewayContract.ALL) {
            assertFalse(yaml.get(setting.key()).exists(), setting.key() + " is defined in the contract only");
        }
    }

    @Test
    void defaultsComeFromTheContract() {
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
