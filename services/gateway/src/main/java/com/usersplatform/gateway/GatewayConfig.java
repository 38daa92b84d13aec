package com.usersplatform.gateway;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;

import com.usersplatform.common.ConfigValues;
import com.usersplatform.common.TracingSettings;
import com.usersplatform.contract.CommonContract;
import com.usersplatform.contract.GatewayContract;
import com.usersplatform.gateway.upstream.UpstreamSettings;
import io.helidon.config.Config;

import static com.usersplatform.common.ConfigValues.integer;
import static com.usersplatform.common.ConfigValues.millis;
import static com.usersplatform.common.ConfigValues.positive;
import static com.usersplatform.common.ConfigValues.requireWithin;
import static com.usersplatform.common.ConfigValues.string;

/**
 * Every gateway setting, read once: the settings a deployment sets with their defaults and bounds from the contract
 * ({@link GatewayContract}, {@link CommonContract}), the finer ones with the defaults below; environment variables
 * override any key (Helidon maps {@code RATE_LIMIT_RPS} to {@code rate.limit.rps}, and so on).
 *
 * @param port             HTTP port ({@code server.port}; 0 = any free port)
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
 * @param logLevel         java.util.logging level of the service's log ({@code log.level})
 */
public record GatewayConfig(int port,
                            String version,
                            UpstreamSettings upstream,
                            Duration readinessTimeout,
                            Path apiKeysFile,
                            Duration apiKeysRecheck,
                            long rateLimitRps,
                            long rateLimitBurst,
                            int rateLimitClients,
                            int bodyLimitBytes,
                            TracingSettings tracing,
                            int trustedProxyHops,
                            Level logLevel) {
    private static final String WHAT = "gateway configuration";
    // Finer settings no deployment sets, so not in the contract: their defaults live here only, each still
    // overridable by its key (e.g. UPSTREAM_BREAKER_OPEN_MS) for tests and tuning.
    /** Attempts for idempotent requests whose connection failed. */
    private static final int RETRY_ATTEMPTS = 3;
    private static final long RETRY_BACKOFF_MS = 50;
    /** Calls in the circuit breaker's sliding window, calls before it judges, and the failure % that opens it. */
    private static final int BREAKER_WINDOW = 20;
    private static final int BREAKER_MINIMUM_CALLS = 5;
    private static final double BREAKER_FAILURE_RATE = 50.0;
    private static final long BREAKER_OPEN_MS = 5000;
    private static final long READINESS_TIMEOUT_MS = 1000;
    private static final long API_KEYS_RECHECK_MS = 1000;
    /** Bound on clients the rate limiter tracks (LRU), so many distinct clients cost bounded memory. */
    private static final int RATE_LIMIT_CLIENTS = 100_000;

    /** Rejects settings the gateway cannot run with, naming the key. */
    public GatewayConfig {
        requireWithin(GatewayContract.SERVER_PORT, port, WHAT);
        URI users = upstream.baseUri();
        // The hop to users is plain HTTP inside the cluster (its network policy admits only the gateway), and the
        // forwarding client (upstream.UpstreamConnection) speaks nothing else: refuse https rather than ignore it.
        // Forwarded paths are users' own (/users/...): a base path would be silently dropped, so it is refused too.
        String path = users.getRawPath();
        require("http".equals(users.getScheme()) && users.getHost() != null
                        && (path == null || path.isEmpty() || path.equals("/")),
                "users.url must be an http URL with a host and no path, got " + users);
        requireWithin(GatewayContract.UPSTREAM_CONNECT_TIMEOUT_MS, upstream.connectTimeout().toMillis(), WHAT);
        requireWithin(GatewayContract.UPSTREAM_READ_TIMEOUT_MS, upstream.readTimeout().toMillis(), WHAT);
        require(upstream.maxAttempts() >= 1, "upstream.retry.attempts must be at least 1");
        require(upstream.breakerMinimumCalls() >= 1 && upstream.breakerWindow() >= upstream.breakerMinimumCalls(),
                "upstream.breaker.window must be >= upstream.breaker.minimum-calls >= 1");
        require(upstream.breakerFailureRate() > 0 && upstream.breakerFailureRate() <= 100,
                "upstream.breaker.failure-rate must be in (0, 100]");
        require(positive(upstream.breakerOpenFor()), "upstream.breaker.open.ms must be positive");
        require(positive(readinessTimeout), "upstream.readiness.timeout.ms must be positive");
        requireWithin(GatewayContract.RATE_LIMIT_RPS, rateLimitRps, WHAT);
        requireWithin(GatewayContract.RATE_LIMIT_BURST, rateLimitBurst, WHAT);
        require(rateLimitClients >= 1, "rate.limit.clients must be at least 1");
        requireWithin(CommonContract.BODY_LIMIT_BYTES, bodyLimitBytes, WHAT);
        requireWithin(GatewayContract.RATE_LIMIT_TRUSTED_HOPS, trustedProxyHops, WHAT);
    }

    /** Settings for clients that connect directly (no trusted proxy hops), on the default port and log level. */
    public GatewayConfig(String version, UpstreamSettings upstream, Duration readinessTimeout, Path apiKeysFile,
                         Duration apiKeysRecheck, long rateLimitRps, long rateLimitBurst, int rateLimitClients,
                         int bodyLimitBytes, TracingSettings tracing) {
        this(GatewayContract.SERVER_PORT.defaultInt(), version, upstream, readinessTimeout, apiKeysFile, apiKeysRecheck,
                rateLimitRps, rateLimitBurst, rateLimitClients, bodyLimitBytes, tracing, 0,
                Level.parse(CommonContract.LOG_LEVEL.defaultValue()));
    }

    /** Reads the settings from {@code config} (the root node). */
    public static GatewayConfig from(Config config) {
        Config upstream = config.get("upstream");
        return new GatewayConfig(
                integer(config, GatewayContract.SERVER_PORT),
                string(config, CommonContract.SERVICE_VERSION),
                new UpstreamSettings(
                        URI.create(string(config, GatewayContract.USERS_URL)),
                        millis(config, GatewayContract.UPSTREAM_CONNECT_TIMEOUT_MS),
                        millis(config, GatewayContract.UPSTREAM_READ_TIMEOUT_MS),
                        upstream.get("retry.attempts").asInt().orElse(RETRY_ATTEMPTS),
                        millis(upstream.get("retry.backoff.ms"), RETRY_BACKOFF_MS),
                        upstream.get("breaker.window").asInt().orElse(BREAKER_WINDOW),
                        upstream.get("breaker.minimum-calls").asInt().orElse(BREAKER_MINIMUM_CALLS),
                        upstream.get("breaker.failure-rate").asDouble().orElse(BREAKER_FAILURE_RATE).floatValue(),
                        millis(upstream.get("breaker.open.ms"), BREAKER_OPEN_MS)),
                millis(upstream.get("readiness.timeout.ms"), READINESS_TIMEOUT_MS),
                Path.of(string(config, GatewayContract.API_KEYS_FILE)),
                millis(config.get("api.keys.recheck.ms"), API_KEYS_RECHECK_MS),
                integer(config, GatewayContract.RATE_LIMIT_RPS),
                integer(config, GatewayContract.RATE_LIMIT_BURST),
                config.get("rate.limit.clients").asInt().orElse(RATE_LIMIT_CLIENTS),
                integer(config, CommonContract.BODY_LIMIT_BYTES),
                TracingSettings.from(config),
                integer(config, GatewayContract.RATE_LIMIT_TRUSTED_HOPS),
                ConfigValues.logLevel(config, WHAT));
    }

    private static void require(boolean condition, String message) {
        ConfigValues.require(condition, WHAT, message);
    }
}
