package com.usersplatform.gateway;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import com.usersplatform.common.ConfigValues;
import com.usersplatform.common.TracingSettings;
import com.usersplatform.contract.GatewayContract;
import com.usersplatform.contract.Setting;
import com.usersplatform.gateway.upstream.UpstreamSettings;
import io.helidon.config.Config;

import static com.usersplatform.common.ConfigValues.millis;
import static com.usersplatform.common.ConfigValues.positive;

/**
 * Every gateway setting, read once from {@code application.yaml} with environment-variable overrides (Helidon maps
 * {@code RATE_LIMIT_RPS} to {@code rate.limit.rps}, and so on).
 *
 * @param version          service version (logs, health)
 * @param upstream         how to reach the users service
 * @param readinessTimeout bound on the users readiness probe
 * @param apiKeysFile      file of accepted API-key SHA-256 hashes
 * @param apiKeysRecheck   how often at most the key file is looked at again
 * @param rateLimitRps     sustained requests per second per client
 * @param rateLimitBurst   requests a client may send at once
 * @param rateLimitClients clients tracked at once by the limiter
 * @param bodyLimitBytes   largest request body accepted
 * @param tracing          OTLP export and sampling ({@code tracing.*}, e.g. {@code TRACING_SAMPLING_RATIO})
 * @param trustedProxyHops proxies in front of the gateway whose {@code X-Forwarded-For} entries are believed
 *                         ({@code rate.limit.trusted.hops}; 1 behind the ALB, 0 when clients connect directly)
 */
public record GatewayConfig(String version,
                            UpstreamSettings upstream,
                            Duration readinessTimeout,
                            Path apiKeysFile,
                            Duration apiKeysRecheck,
                            long rateLimitRps,
                            long rateLimitBurst,
                            int rateLimitClients,
                            int bodyLimitBytes,
                            TracingSettings tracing,
                            int trustedProxyHops) {

    /** Rejects settings the gateway cannot run with, naming the key. */
    public GatewayConfig {
        URI users = upstream.baseUri();
        require(("http".equals(users.getScheme()) || "https".equals(users.getScheme())) && users.getHost() != null,
                "users.url must be an http(s) URL with a host, got " + users);
        require(positive(upstream.connectTimeout()), "upstream.connect.timeout.ms must be positive");
        require(positive(upstream.readTimeout()), "upstream.read.timeout.ms must be positive");
        require(upstream.maxAttempts() >= 1, "upstream.retry.attempts must be at least 1");
        require(upstream.breakerMinimumCalls() >= 1 && upstream.breakerWindow() >= upstream.breakerMinimumCalls(),
                "upstream.breaker.window must be >= upstream.breaker.minimum-calls >= 1");
        require(upstream.breakerFailureRate() > 0 && upstream.breakerFailureRate() <= 100,
                "upstream.breaker.failure-rate must be in (0, 100]");
        require(positive(upstream.breakerOpenFor()), "upstream.breaker.open.ms must be positive");
        require(positive(readinessTimeout), "upstream.readiness.timeout.ms must be positive");
        require(rateLimitRps >= 1, "rate.limit.rps must be at least 1, got " + rateLimitRps);
        require(rateLimitBurst >= 1, "rate.limit.burst must be at least 1, got " + rateLimitBurst);
        require(rateLimitClients >= 1, "rate.limit.clients must be at least 1");
        require(bodyLimitBytes >= 1, "body.limit.bytes must be at least 1, got " + bodyLimitBytes);
        require(trustedProxyHops >= 0 && trustedProxyHops <= 10,
                "rate.limit.trusted.hops must be between 0 and 10, got " + trustedProxyHops);
    }

    /** Settings for clients that connect directly (no trusted proxy hops). */
    public GatewayConfig(String version, UpstreamSettings upstream, Duration readinessTimeout, Path apiKeysFile,
                         Duration apiKeysRecheck, long rateLimitRps, long rateLimitBurst, int rateLimitClients,
                         int bodyLimitBytes, TracingSettings tracing) {
        this(version, upstream, readinessTimeout, apiKeysFile, apiKeysRecheck, rateLimitRps, rateLimitBurst,
                rateLimitClients, bodyLimitBytes, tracing, 0);
    }

    /** Reads the settings from {@code config} (the root node). */
    public static GatewayConfig from(Config config) {
        Config upstream = config.get("upstream");
        return new GatewayConfig(
                string(config, GatewayContract.SERVICE_VERSION),
                new UpstreamSettings(
                        URI.create(string(config, GatewayContract.USERS_URL)),
                        millis(config.get(GatewayContract.UPSTREAM_CONNECT_TIMEOUT_MS.key()),
                                GatewayContract.UPSTREAM_CONNECT_TIMEOUT_MS.defaultInt()),
                        millis(config.get(GatewayContract.UPSTREAM_READ_TIMEOUT_MS.key()),
                                GatewayContract.UPSTREAM_READ_TIMEOUT_MS.defaultInt()),
                        upstream.get("retry.attempts").asInt().orElse(3),
                        millis(upstream.get("retry.backoff.ms"), 50),
                        upstream.get("breaker.window").asInt().orElse(20),
                        upstream.get("breaker.minimum-calls").asInt().orElse(5),
                        upstream.get("breaker.failure-rate").asDouble().orElse(50.0).floatValue(),
                        millis(upstream.get("breaker.open.ms"), 5000)),
                millis(upstream.get("readiness.timeout.ms"), 1000),
                Path.of(string(config, GatewayContract.API_KEYS_FILE)),
                millis(config.get("api.keys.recheck.ms"), 1000),
                integer(config, GatewayContract.RATE_LIMIT_RPS),
                integer(config, GatewayContract.RATE_LIMIT_BURST),
                config.get("rate.limit.clients").asInt().orElse(100_000),
                integer(config, GatewayContract.BODY_LIMIT_BYTES),
                TracingSettings.from(config.get("tracing")),
                integer(config, GatewayContract.RATE_LIMIT_TRUSTED_HOPS));
    }

    private static String string(Config root, Setting setting) {
        return root.get(setting.key()).asString().orElse(setting.defaultValue());
    }

    private static int integer(Config root, Setting setting) {
        return root.get(setting.key()).asInt().orElse(setting.defaultInt());
    }

    private static void require(boolean condition, String message) {
        ConfigValues.require(condition, "gateway configuration", message);
    }
}
