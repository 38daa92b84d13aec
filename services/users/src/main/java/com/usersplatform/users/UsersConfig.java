package com.usersplatform.users;

import static com.usersplatform.common.ConfigValues.bool;
import static com.usersplatform.common.ConfigValues.integer;
import static com.usersplatform.common.ConfigValues.millis;
import static com.usersplatform.common.ConfigValues.path;
import static com.usersplatform.common.ConfigValues.requireWithin;
import static com.usersplatform.common.ConfigValues.string;

import com.usersplatform.common.ConfigValues;
import com.usersplatform.common.TracingSettings;
import com.usersplatform.contract.CommonContract;
import com.usersplatform.contract.Setting;
import com.usersplatform.contract.UsersContract;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

/**
 * Every setting of the users service, read in one place: the {@link UsersContract} settings (keys, defaults and
 * bounds; each overridden by its environment variable, e.g. {@code REDIS_POOL_SIZE}), system properties with the key
 * names, and {@code application.yaml} for the settings no deployment sets.
 *
 * @param host                bind address
 * @param port                HTTP port (0 = any free port)
 * @param shutdownGracePeriod time in-flight requests get after SIGTERM
 * @param version             service version stamped on logs and health
 * @param bodyLimitBytes      largest accepted request body
 * @param redis               Redis connection settings
 * @param tracing             OTLP export and sampling of spans
 * @param logLevel            java.util.logging level of the service's log
 */
public record UsersConfig(String host, int port, Duration shutdownGracePeriod, String version, int bodyLimitBytes,
                          RedisConfig redis, TracingSettings tracing, Level logLevel) {
    private static final String WHAT = "configuration";

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
        public static final Duration DEFAULT_CREDENTIALS_STALE_GRACE =
                Duration.ofMillis(UsersContract.REDIS_CREDENTIALS_STALE_GRACE_MS.defaultInt());

        /** The settings with the default stale-credentials grace. */
        public RedisConfig(String host, int port, boolean tls, Optional<Path> tlsCaFile,
                           Optional<Path> credentialsFile, Duration credentialsPoll, int poolSize,
                           Duration connectTimeout, Duration commandTimeout) {
            this(host, port, tls, tlsCaFile, credentialsFile, credentialsPoll, poolSize, connectTimeout,
                    commandTimeout, DEFAULT_CREDENTIALS_STALE_GRACE);
        }

        /** Validates ranges against the contract's bounds. */
        public RedisConfig {
            ConfigValues.require(!host.isBlank(), WHAT, "redis.host must not be empty");
            requireWithin(UsersContract.REDIS_PORT, port, WHAT);
            requireWithin(UsersContract.REDIS_POOL_SIZE, poolSize, WHAT);
            requireWithin(UsersContract.REDIS_CONNECT_TIMEOUT_MS, connectTimeout.toMillis(), WHAT);
            requireWithin(UsersContract.REDIS_COMMAND_TIMEOUT_MS, commandTimeout.toMillis(), WHAT);
            requireWithin(UsersContract.REDIS_CREDENTIALS_POLL_MS, credentialsPoll.toMillis(), WHAT);
            requireWithin(UsersContract.REDIS_CREDENTIALS_STALE_GRACE_MS, credentialsStaleGrace.toMillis(), WHAT);
        }
    }

    /** Validates ranges against the contract's bounds. */
    public UsersConfig {
        requireWithin(UsersContract.SERVER_PORT, port, WHAT);
        requireWithin(CommonContract.BODY_LIMIT_BYTES, bodyLimitBytes, WHAT);
    }

    /** The settings at the default log level. */
    public UsersConfig(String host, int port, Duration shutdownGracePeriod, String version, int bodyLimitBytes,
                       RedisConfig redis, TracingSettings tracing) {
        this(host, port, shutdownGracePeriod, version, bodyLimitBytes, redis, tracing,
                Level.parse(CommonContract.LOG_LEVEL.defaultValue()));
    }

    /** Reads the settings with overrides from {@code environment} (usually {@link System#getenv()}). */
    public static UsersConfig load(Map<String, String> environment) {
        // Only the contract's variables: an unrelated variable (PATH, HOME...) never becomes a setting.
        Map<String, String> overrides = new LinkedHashMap<>();
        for (Setting setting : UsersContract.ALL) {
            String value = environment.get(setting.env());
            if (value != null && !value.isBlank()) {
                overrides.put(setting.key(), value.trim());
            }
        }
        // Every source, highest priority first (as in the gateway): -D flags, the contract's variables, the jar's
        // application.yaml. The builder's own environment and system-properties sources stay off: the first would let
        // any variable in, the second would be a second copy of the system properties.
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.systemProperties(), ConfigSources.create(overrides),
                        ConfigSources.classpath("application.yaml"))
                .build();
        return from(config);
    }

    private static UsersConfig from(Config config) {
        return new UsersConfig(
                config.get("server.host").asString().orElse("0.0.0.0"),
                integer(config, UsersContract.SERVER_PORT),
                config.get("server.shutdown-grace-period").as(Duration.class).orElse(Duration.ofSeconds(10)),
                string(config, CommonContract.SERVICE_VERSION),
                integer(config, CommonContract.BODY_LIMIT_BYTES),
                new RedisConfig(
                        string(config, UsersContract.REDIS_HOST),
                        integer(config, UsersContract.REDIS_PORT),
                        bool(config, UsersContract.REDIS_TLS, WHAT),
                        path(config, UsersContract.REDIS_TLS_CA_FILE),
                        path(config, UsersContract.REDIS_CREDENTIALS_FILE),
                        millis(config, UsersContract.REDIS_CREDENTIALS_POLL_MS),
                        integer(config, UsersContract.REDIS_POOL_SIZE),
                        millis(config, UsersContract.REDIS_CONNECT_TIMEOUT_MS),
                        millis(config, UsersContract.REDIS_COMMAND_TIMEOUT_MS),
                        millis(config, UsersContract.REDIS_CREDENTIALS_STALE_GRACE_MS)),
                TracingSettings.from(config),
                ConfigValues.logLevel(config, WHAT));
    }
}
