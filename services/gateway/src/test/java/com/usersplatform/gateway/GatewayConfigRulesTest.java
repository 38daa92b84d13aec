package com.usersplatform.gateway;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every setting the gateway validates, at its edges, and what each key feeds. */
class GatewayConfigRulesTest {

    private static GatewayConfig read(Map<String, String> settings) {
        return GatewayConfig.from(Config.just(ConfigSources.create(settings)));
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            server.port                    | 65536            | server.port must be between 0 and 65535, got 65536
            users.url                      | users:3001       | users.url must be an http URL with a host and no path, got users:3001
            users.url                      | ftp://users:21   | users.url must be an http URL with a host and no path, got ftp://users:21
            users.url                      | http:/users      | users.url must be an http URL with a host and no path, got http:/users
            users.url                      | https://users    | users.url must be an http URL with a host and no path, got https://users
            users.url                      | http://users/v1  | users.url must be an http URL with a host and no path, got http://users/v1
            upstream.connect.timeout.ms    | 0                | upstream.connect.timeout.ms must be between 1 and 60000, got 0
            upstream.read.timeout.ms       | 0                | upstream.read.timeout.ms must be between 1 and 300000, got 0
            upstream.retry.attempts        | 0                | upstream.retry.attempts must be at least 1
            upstream.breaker.minimum-calls | 0                | upstream.breaker.window must be >= upstream.breaker.minimum-calls >= 1
            upstream.breaker.window        | 4                | upstream.breaker.window must be >= upstream.breaker.minimum-calls >= 1
            upstream.breaker.failure-rate  | 0                | upstream.breaker.failure-rate must be in (0, 100]
            upstream.breaker.failure-rate  | 100.5            | upstream.breaker.failure-rate must be in (0, 100]
            upstream.breaker.open.ms       | 0                | upstream.breaker.open.ms must be positive
            upstream.readiness.timeout.ms  | 0                | upstream.readiness.timeout.ms must be positive
            rate.limit.rps                 | 0                | rate.limit.rps must be between 1 and 100000, got 0
            rate.limit.rps                 | 100001           | rate.limit.rps must be between 1 and 100000, got 100001
            rate.limit.burst               | 0                | rate.limit.burst must be at least 1, got 0
            rate.limit.clients             | 0                | rate.limit.clients must be at least 1
            body.limit.bytes               | 0                | body.limit.bytes must be between 1 and 10485760, got 0
            log.level                      | LOUD             | log.level must be a java.util.logging level such as INFO or FINE, got LOUD
            """)
    void rejectsAValueJustOutsideItsRangeNamingTheKey(String key, String value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(Map.of(key, value)));
        assertEquals("Invalid gateway configuration: " + message, e.getMessage());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            users.url                      | http://users.apps.svc
            upstream.connect.timeout.ms    | 1
            upstream.read.timeout.ms       | 1
            upstream.retry.attempts        | 1
            upstream.breaker.minimum-calls | 1
            upstream.breaker.window        | 5
            upstream.breaker.failure-rate  | 100
            upstream.breaker.failure-rate  | 0.5
            upstream.breaker.open.ms       | 1
            upstream.readiness.timeout.ms  | 1
            rate.limit.rps                 | 1
            rate.limit.rps                 | 100000
            rate.limit.burst               | 1
            rate.limit.clients             | 1
            body.limit.bytes               | 1
            """)
    void acceptsTheEdgeValue(String key, String value) {
        assertDoesNotThrow(() -> read(Map.of(key, value)));
    }

    @Test
    void eachKeyFeedsItsSetting() {
        GatewayConfig config = read(Map.ofEntries(
                Map.entry("service.version", "2.0.1"),
                Map.entry("users.url", "http://users:3001"),
                Map.entry("upstream.connect.timeout.ms", "11"),
                Map.entry("upstream.read.timeout.ms", "12"),
                Map.entry("upstream.retry.attempts", "4"),
                Map.entry("upstream.retry.backoff.ms", "13"),
                Map.entry("upstream.breaker.window", "30"),
                Map.entry("upstream.breaker.minimum-calls", "6"),
                Map.entry("upstream.breaker.failure-rate", "75"),
                Map.entry("upstream.breaker.open.ms", "14"),
                Map.entry("upstream.readiness.timeout.ms", "15"),
                Map.entry("api.keys.file", "/keys/hashes"),
                Map.entry("api.keys.recheck.ms", "16"),
                Map.entry("rate.limit.rps", "17"),
                Map.entry("rate.limit.burst", "18"),
                Map.entry("rate.limit.clients", "19"),
                Map.entry("body.limit.bytes", "20")));
        assertEquals("2.0.1", config.version());
        assertEquals(URI.create("http://users:3001"), config.upstream().baseUri());
        assertEquals(Duration.ofMillis(11), config.upstream().connectTimeout());
        assertEquals(Duration.ofMillis(12), config.upstream().readTimeout());
        assertEquals(4, config.upstream().maxAttempts());
        assertEquals(Duration.ofMillis(13), config.upstream().retryBackoff());
        assertEquals(30, config.upstream().breakerWindow());
        assertEquals(6, config.upstream().breakerMinimumCalls());
        assertEquals(75f, config.upstream().breakerFailureRate());
        assertEquals(Duration.ofMillis(14), config.upstream().breakerOpenFor());
        assertEquals(Duration.ofMillis(15), config.readinessTimeout());
        assertEquals(Path.of("/keys/hashes"), config.apiKeysFile());
        assertEquals(Duration.ofMillis(16), config.apiKeysRecheck());
        assertEquals(17, config.rateLimitRps());
        assertEquals(18, config.rateLimitBurst());
        assertEquals(19, config.rateLimitClients());
        assertEquals(20, config.bodyLimitBytes());
    }
}
