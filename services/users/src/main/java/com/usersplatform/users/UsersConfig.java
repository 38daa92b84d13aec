package com.usersplatform.users;

import static com.usersplatform.common.ConfigValues.millis;
import static com.usersplatform.common.ConfigValues.positive;

import com.usersplatform.common.ConfigValues;
import com.usersplatform.common.TracingSettings;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the users service, read in one place: {@code application.yaml} overridden by the environment
 * variables of {@link #ENVIRONMENT} (and by system properties with the yaml key names).
 *
 * @param host                bind address
 * @param port                HTTP port (0 = any free port)
 * @param shutdownGracePeriod time in-flight requests get after SIGTERM
 * @param version             service version stamped on logs and health
 * @param bodyLimitBytes      largest accepted request body
 * @param redis               Redis connection settings
 * @param tracing             OTLP export and sampling of spans
 */
public record UsersConfig(String host, int port, Duration shutdownGracePeriod, String version, int bodyLimitBytes,
                          RedisConfig redis, TracingSettings tracing) {

    /** Environment variable to configuration key. */
    public static final Map<String, String> ENVIRONMENT = environmentKeys();

    /**
     * How to reach Redis.
     *
     * @param host              Redis host
     * @param port              Redis port
     * @param tls               whether to use TLS (ElastiCache in-transit encryption)
     * @param tlsCaFile         PEM bundle of trusted CAs; empty = the JDK trust store
     * @param credentialsFile   JSON file {@code {"username","password"}}; empty = no AUTH
     * @param credentialsPoll   how often the credentials file is checked for changes
     * @param poolSize          maximum pooled connections
     * @param connectTimeout    TCP/TLS connect timeout
     * @param commandTimeout    per-command socket timeout (also the longest wait for a pooled connection)
     * @param credentialsStaleGrace how long Redis may refuse the file's credentials (WRONGPASS/NOAUTH on new
     *                          connections) before readiness reports them stale
     */
    public record RedisConfig(String host, int port, boolean tls, Optional<Path> tlsCaFile,
                              Optional<Path> credentialsFile, Duration credentialsPoll, int poolSize,
                              Duration connectTimeout, Duration commandTimeout, Duration credentialsStaleGrace) {

        /** Default of {@code redis.credentials-stale-grace-ms}. */
        public static final Duration DEFAULT_CREDENTIALS_STALE_GRACE = Duration.ofSeconds(60);

        /** The settings with the default stale-credentials grace. */
        public RedisConfig(String host, int port, boolean tls, Optional<Path> tlsCaFile,
                           Optional<Path> credentialsFile, Duration credentialsPoll, int poolSize,
                           Duration connectTimeout, Duration commandTimeout) {
            this(host, port, tls, tlsCaFile, credentialsFile, credentialsPoll, poolSize, connectTimeout,
                    commandTimeout, DEFAULT_CREDENTIALS_STALE_GRACE);
        }

        /** Validates ranges. */
        public RedisConfig {
            require(!host.isBlank(), "redis.host must not be empty");
            require(port > 0 && port < 65536, "redis.port must be 1-65535, got " + port);
            require(poolSize > 0, "redis.pool-size must be at least 1, got " + poolSize);
            require(positive(connectTimeout), "redis.connect-timeout-ms must be positive");
            require(positive(commandTimeout), "redis.command-timeout-ms must be positive");
            require(positive(credentialsPoll), "redis.credentials-poll-ms must be positive");
            require(positive(credentialsStaleGrace), "redis.credentials-stale-grace-ms must be positive");
        }
    }

    /** Validates ranges. */
    public UsersConfig {
        require(port >= 0 && port < 65536, "server.port must be 0-65535, got " + port);
        require(bodyLimitBytes > 0, "users.body-limit-bytes must be positive, got " + bodyLimitBytes);
    }

    /** Reads {@code application.yaml} with overrides from {@code environment} (usually {@link System#getenv()}). */
    public static UsersConfig load(Map<String, String> environment) {
        Map<String, String> overrides = new LinkedHashMap<>();
        ENVIRONMENT.forEach((variable, key) -> {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                overrides.put(key, value.trim());
            }
        });
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .sources(ConfigSources.create(overrides), ConfigSources.systemProperties(),
                        ConfigSources.classpath("application.yaml"))
                .build();
        return from(config);
    }

    private static UsersConfig from(Config config) {
        Config redis = config.get("redis");
        return new UsersConfig(
                config.get("server.host").asString().orElse("0.0.0.0"),
                config.get("server.port").asInt().orElse(3001),
                config.get("server.shutdown-grace-period").as(Duration.class).orElse(Duration.ofSeconds(10)),
                config.get("service.version").asString().orElse("dev"),
                config.get("users.body-limit-bytes").asInt().orElse(16_384),
                new RedisConfig(
                        redis.get("host").asString().orElse("127.0.0.1"),
                        redis.get("port").asInt().orElse(6379),
                        bool(redis.get("tls"), false),
                        path(redis.get("tls-ca-file")),
                        path(redis.get("credentials-file")),
                        millis(redis.get("credentials-poll-ms"), 1000),
                        redis.get("pool-size").asInt().orElse(16),
                        millis(redis.get("connect-timeout-ms"), 500),
                        millis(redis.get("command-timeout-ms"), 500),
                        millis(redis.get("credentials-stale-grace-ms"),
                                (int) RedisConfig.DEFAULT_CREDENTIALS_STALE_GRACE.toMillis())),
                TracingSettings.from(config.get("tracing")));
    }

    private static Map<String, String> environmentKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("SERVER_PORT", "server.port");
        keys.put("SERVICE_VERSION", "service.version");
        keys.put("BODY_LIMIT_BYTES", "users.body-limit-bytes");
        keys.put("REDIS_HOST", "redis.host");
        keys.put("REDIS_PORT", "redis.port");
        keys.put("REDIS_TLS", "redis.tls");
        keys.put("REDIS_TLS_CA_FILE", "redis.tls-ca-file");
        keys.put("REDIS_CREDENTIALS_FILE", "redis.credentials-file");
        keys.put("REDIS_CREDENTIALS_POLL_MS", "redis.credentials-poll-ms");
        keys.put("REDIS_CREDENTIALS_STALE_GRACE_MS", "redis.credentials-stale-grace-ms");
        keys.put("REDIS_POOL_SIZE", "redis.pool-size");
        keys.put("REDIS_CONNECT_TIMEOUT_MS", "redis.connect-timeout-ms");
        keys.put("REDIS_COMMAND_TIMEOUT_MS", "redis.command-timeout-ms");
        keys.put("TRACING_OTLP_ENDPOINT", "tracing.otlp.endpoint");
        keys.put("TRACING_SAMPLING_RATIO", "tracing.sampling.ratio");
        keys.put("TRACING_QUEUE_SIZE", "tracing.queue.size");
        keys.put("TRACING_EXPORT_TIMEOUT_MS", "tracing.export.timeout.ms");
        keys.put("TRACING_LOG_SPANS", "tracing.log.spans");
        return Map.copyOf(keys);
    }

    /** Only {@code true} or {@code false}: a typo such as {@code yes} must not silently turn TLS off. */
    private static boolean bool(Config node, boolean defaultValue) {
        String value = node.asString().orElse(Boolean.toString(defaultValue)).trim().toLowerCase(Locale.ROOT);
        require(value.equals("true") || value.equals("false"), node.key() + " must be true or false, got " + value);
        return Boolean.parseBoolean(value);
    }

    private static Optional<Path> path(Config node) {
        return node.asString().map(String::trim).filter(value -> !value.isEmpty()).map(Path::of);
    }

    private static void require(boolean condition, String message) {
        ConfigValues.require(condition, "configuration", message);
    }
}
