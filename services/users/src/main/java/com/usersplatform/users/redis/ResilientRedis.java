package com.usersplatform.users.redis;

import com.usersplatform.users.UsersConfig.RedisConfig;
import com.usersplatform.users.store.StoreUnavailableException;
import com.usersplatform.common.HttpMetrics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A pooled Redis client with bounded timeouts that every store operation goes through. It times each operation
 * ({@code redis_operation_duration_seconds}), runs it again up to {@value #RECONNECTS} times after a dropped
 * connection or READONLY (not after a timeout) and once after WRONGPASS/NOAUTH (re-reading the credentials file
 * first), refuses calls at once while Redis is down ({@link OutageGuard}), and turns every Redis failure into
 * {@link StoreUnavailableException}. Commands must be safe to run more than once: a retry cannot know whether a
 * dropped command ran. Each operation is one client span named by the operation, never by keys or
 * values.
 *
 * <p>WRONGPASS/NOAUTH is a credentials state, not an outage: Redis keeps connections that authenticated earlier
 * (ElastiCache: "When you modify a password, any existing connections ... are maintained",
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html), so the guard stays closed and those
 * connections keep serving while only new connections fail. While the credentials are refused the pool is capped
 * at the connections it holds, so callers wait for one that works instead of opening one that cannot log in; the
 * file is re-read with backoff ({@link CredentialsFile#rejected()}) and readiness reports the credentials stale
 * after a grace.
 */
final class ResilientRedis implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ResilientRedis.class.getName());
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(200);
    private static final int RECONNECTS = 2;
    // Database client span attributes (https://opentelemetry.io/docs/specs/semconv/database/database-spans/).
    private static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system.name");
    private static final AttributeKey<String> DB_OPERATION = AttributeKey.stringKey("db.operation.name");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    /** One Redis round trip; {@code retry} tells a command that an earlier attempt may have run. */
    @FunctionalInterface
    interface Command<T> {
        T run(UnifiedJedis redis, boolean retry);
    }

    private final JedisPooled pool;
    private final CredentialsFile credentials;
    private final RedisMetrics metrics;
    private final OutageGuard guard = new OutageGuard(PROBE_INTERVAL);
    private final Tracer tracer;
    private final Duration staleGrace;
    private final int poolSize;
    /** Connections the pool had created when the credentials were refused; one more means they work again. */
    private final AtomicLong createdAtRefusal = new AtomicLong();
    private final AtomicBoolean reportedStale = new AtomicBoolean();

    private ResilientRedis(JedisPooled pool, CredentialsFile credentials, RedisMetrics metrics, Duration staleGrace,
                           int poolSize, Tracer tracer) {
        this.pool = pool;
        this.poolSize = poolSize;
        this.credentials = credentials;
        this.metrics = metrics;
        this.tracer = tracer;
        this.staleGrace = staleGrace;
        if (credentials != null) {
            metrics.credentialsStaleness(() -> credentials.staleFor().toMillis() / 1e3);
        }
    }

    /** Creates the pool (connections are opened lazily, so Redis may be down at start-up). */
    static ResilientRedis connect(RedisConfig config, HttpMetrics metrics, Tracer tracer) {
        CredentialsFile credentials = config.credentialsFile()
                .map(file -> CredentialsFile.watch(file, config.credentialsPoll()))
                .orElse(null);
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) config.connectTimeout().toMillis())
                .socketTimeoutMillis((int) config.commandTimeout().toMillis())
                .clientName("users");
        if (credentials != null) {
            client.credentialsProvider(credentials);
        }
        if (config.tls()) {
            client.ssl(true)
                    .sslSocketFactory(RedisTls.socketFactory(config.tlsCaFile()))
                    .sslParameters(RedisTls.verifyHostname());
        }
        GenericObjectPoolConfig<Connection> poolConfig = new GenericObjectPoolConfig<>();
        poolConfig.setMaxTotal(config.poolSize());
        poolConfig.setMaxIdle(config.poolSize());
        poolConfig.setMinIdle(0);
        poolConfig.setMaxWait(config.commandTimeout());
        poolConfig.setTestWhileIdle(true);
        poolConfig.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
        poolConfig.setJmxEnabled(false);
        JedisPooled pool = new JedisPooled(new HostAndPort(config.host(), config.port()), client.build(), poolConfig);
        return new ResilientRedis(pool, credentials, new RedisMetrics(metrics), config.credentialsStaleGrace(),
                config.poolSize(), tracer);
    }

    RedisMetrics metrics() {
        return metrics;
    }

    /** Runs {@code command} as {@code operation}, in a span of that name. */
    <T> T run(String operation, Command<T> command) {
        Span span = tracer.spanBuilder("redis " + operation)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(DB_SYSTEM, "redis")
                .setAttribute(DB_OPERATION, operation)
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return timed(operation, command);
        } catch (StoreUnavailableException e) {
            span.setStatus(StatusCode.ERROR);
            span.setAttribute(ERROR_TYPE, e.getCause() == null ? "rejected" : e.getCause().getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    private <T> T timed(String operation, Command<T> command) {
        if (!guard.permits()) {
            metrics.observe(operation, "rejected", 0);
            throw new StoreUnavailableException("Redis is down", null);
        }
        long start = System.nanoTime();
        try {
            T result = attempt(command);
            if (guard.isDown()) {
                LOG.info("Redis available again");
            }
            guard.succeeded();
            noticeAcceptedCredentials();
            metrics.observe(operation, "ok", System.nanoTime() - start);
            return result;
        } catch (JedisException e) {
            metrics.observe(operation, "error", System.nanoTime() - start);
            if (isAuthFailure(e)) {
                // Only new connections are refused: no outage, the guard stays as it is (see the class comment).
                LOG.log(Level.FINE, "Redis " + operation + " needed a new connection, refused: " + describe(e));
            } else if (isConnectionFailure(e) || isReadOnly(e)) {
                if (!guard.isDown()) {
                    LOG.log(Level.WARNING, "Redis unavailable: " + describe(e));
                }
                guard.failed();
            } else {
                LOG.log(Level.WARNING, "Redis " + operation + " failed: " + describe(e));
            }
            throw new StoreUnavailableException("Redis " + operation + " failed", e);
        }
    }

    /**
     * Runs {@code command}, recovering from a dropped connection up to {@value #RECONNECTS} times (idle connections
     * are discarded: after a restart, failover or CLIENT KILL they are all dead, and a connection in use elsewhere
     * may still come back dead; READONLY means the connection still points at a demoted primary after a failover,
     * while the endpoint's DNS already names the new one) and once from rejected credentials (the file is re-read).
     * Both can happen in a row: the fresh connection after a drop may meet a rotated password.
     */
    private <T> T attempt(Command<T> command) {
        int reconnects = 0;
        boolean reauthenticated = false;
        for (int attempt = 0; ; attempt++) {
            try {
                return command.run(pool, attempt > 0);
            } catch (JedisException e) {
                if (!reauthenticated && isAuthFailure(e) && credentials != null) {
                    reauthenticated = true;
                    credentialsRefused();
                    credentials.reload();
                } else if (reconnects < RECONNECTS && (isConnectionFailure(e) && !isTimeout(e) || isReadOnly(e))) {
                    reconnects++;
                    pool.getPool().clear();
                } else {
                    throw e;
                }
            }
        }
    }

    /**
     * Whether the credentials are usable for new connections, or were refused for less than the grace; logs once
     * when the grace runs out. Readiness asks this.
     */
    boolean credentialsFresh() {
        if (credentials == null || credentials.staleFor().compareTo(staleGrace) < 0) {
            return true;
        }
        if (reportedStale.compareAndSet(false, true)) {
            LOG.warning("Redis credentials stale: refused for more than " + staleGrace.toSeconds()
                    + " s; readiness reports redis_credentials STALE until the credentials file brings ones Redis"
                    + " accepts");
        }
        return false;
    }

    /**
     * Notes a refusal. The order matters, because a request that succeeds meanwhile asks
     * {@link #noticeAcceptedCredentials} whether the pool may grow again:
     * <ol>
     *   <li>the connection count to compare with is set before the stale period begins, so a success in between never
     *   compares with an older count and takes the refusal for past;</li>
     *   <li>the pool is capped at the connections it holds on every refusal, not only on the one that began the
     *   stale period: the caller retries next, and the cap makes its retry wait for an open connection instead of
     *   opening one more that Redis refuses as well (commons-pool 2.12.1's {@code GenericObjectPool.create()} makes
     *   none once the connections made and being made reach {@code maxTotal}:
     *   https://github.com/apache/commons-pool/blob/rel/commons-pool-2.12.1/src/main/java/org/apache/commons/pool2/impl/GenericObjectPool.java).</li>
     * </ol>
     */
    private void credentialsRefused() {
        metrics.credentialsRejected();
        createdAtRefusal.set(pool.getPool().getCreatedCount());
        boolean began = credentials.rejected();
        int open = pool.getPool().getNumActive() + pool.getPool().getNumIdle();
        if (open > 0) {
            pool.getPool().setMaxTotal(Math.min(open, pool.getPool().getMaxTotal()));
        }
        if (began) {
            LOG.warning("Redis refused the credentials from the file (WRONGPASS/NOAUTH) on a new connection;"
                    + " connections already open keep serving, the file is re-read with backoff");
        }
    }

    /**
     * After a refusal: new credentials were read, or a connection created since then authenticated (the old
     * password came back); the pool may grow again.
     */
    private void noticeAcceptedCredentials() {
        if (credentials == null || pool.getPool().getMaxTotal() == poolSize && credentials.staleFor().isZero()) {
            return;
        }
        boolean accepted = pool.getPool().getCreatedCount() > createdAtRefusal.get() && credentials.accepted();
        if (accepted || credentials.staleFor().isZero()) {
            pool.getPool().setMaxTotal(poolSize);
            reportedStale.set(false);
            LOG.info("Redis credentials usable again; the pool may open new connections");
        }
    }

    private static boolean isAuthFailure(Throwable e) {
        return anyCause(e, t -> t instanceof JedisAccessControlException || startsWith(t, "WRONGPASS")
                || startsWith(t, "NOAUTH"));
    }

    private static boolean isConnectionFailure(Throwable e) {
        return anyCause(e, t -> t instanceof JedisConnectionException);
    }

    private static boolean isReadOnly(Throwable e) {
        return anyCause(e, t -> startsWith(t, "READONLY"));
    }

    private static boolean isTimeout(Throwable e) {
        return anyCause(e, t -> t instanceof SocketTimeoutException);
    }

    private static boolean anyCause(Throwable e, Predicate<Throwable> test) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(Throwable t, String redisErrorCode) {
        return t.getMessage() != null && t.getMessage().startsWith(redisErrorCode);
    }

    /** The exception chain's types and Redis's first word (never values or secrets). */
    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            text.append(text.isEmpty() ? "" : " <- ").append(t.getClass().getSimpleName())
                    .append(' ').append(message.split("\\s", 2)[0]);
        }
        return text.toString();
    }

    @Override
    public void close() {
        pool.close();
        if (credentials != null) {
            credentials.close();
        }
    }
}
