package com.usersplatform.users.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.usersplatform.common.Json;
import com.usersplatform.common.Logs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.DefaultRedisCredentials;
import redis.clients.jedis.RedisCredentials;

/**
 * The Redis ACL credentials, read from a JSON file {@code {"username": ..., "password": ...}} (extra fields such as
 * {@code user_arn} are ignored) — the shape of the Secrets Manager secret. The file is re-read every poll interval
 * (so Kubernetes secret-volume updates, which swap symlinks, are seen) and on demand after WRONGPASS/NOAUTH. An
 * unreadable or invalid file keeps the last good credentials. Every new connection authenticates with
 * {@link #get()}, so rotation needs no restart.
 *
 * <p>When Redis refuses the credentials ({@link #rejected()}), they are <em>stale</em>: the file is re-read with
 * backoff ({@value #FIRST_REREAD_MS} ms, doubling up to {@value #MAX_REREAD_MS} ms) until its content changes or a
 * new connection authenticates again ({@link #accepted()}).
 */
final class CredentialsFile implements Supplier<RedisCredentials>, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CredentialsFile.class.getName());
    static final long FIRST_REREAD_MS = 100;
    static final long MAX_REREAD_MS = 2000;
    private static final long FRESH = 0;

    private final Path path;
    private final ScheduledExecutorService poller;
    private volatile String content;
    private volatile RedisCredentials credentials;
    /** {@link System#nanoTime()} when Redis first refused the current credentials, or {@link #FRESH}. */
    private final AtomicLong refusedSince = new AtomicLong(FRESH);
    /**
     * The credentials last handed to a connection on this thread: Jedis authenticates a new connection on the thread
     * that borrows it from the pool, so a refusal seen on that thread is a refusal of these.
     */
    private final ThreadLocal<RedisCredentials> handedOut = new ThreadLocal<>();

    private CredentialsFile(Path path) {
        this.path = path;
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "redis-credentials-watch");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Reads {@code path} now (failing when it is unusable) and re-reads it every {@code poll}.
     *
     * @throws IllegalStateException when the file cannot be read or lacks username/password
     */
    static CredentialsFile watch(Path path, Duration poll) {
        CredentialsFile file = new CredentialsFile(path);
        if (!file.reload()) {
            throw new IllegalStateException("Cannot read Redis credentials from " + path);
        }
        file.poller.scheduleWithFixedDelay(file::reload, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        return file;
    }

    @Override
    public RedisCredentials get() {
        RedisCredentials current = credentials;
        handedOut.set(current);
        return current;
    }

    /** Re-reads the file; returns whether usable credentials are loaded (changed or not). */
    synchronized boolean reload() {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            LOG.warning("Cannot read the Redis credentials file; keeping the current credentials: "
                    + e.getClass().getSimpleName());
            return credentials != null;
        }
        if (text.equals(content)) {
            return true;
        }
        try {
            JsonNode json = Json.mapper().readTree(text);
            String username = json.path("username").asText("");
            String password = json.path("password").asText("");
            if (username.isEmpty() || password.isEmpty()) {
                throw new IOException("username or password missing");
            }
            boolean first = credentials == null;
            credentials = new DefaultRedisCredentials(username, password);
            content = text;
            // New credentials are not known to be refused yet; a refusal of these starts a new stale period.
            refusedSince.set(FRESH);
            Logs.info(LOG, first ? "redis credentials loaded" : "redis credentials reloaded",
                    Map.of("redis_user", username));
            return true;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Invalid Redis credentials file (need JSON with username and password); "
                    + "keeping the current credentials");
            return credentials != null;
        }
    }

    /**
     * Redis refused the credentials (WRONGPASS/NOAUTH). Starts the backoff re-reads unless they run already.
     *
     * @return whether this began a stale period (the caller logs and counts it once)
     */
    boolean rejected() {
        RedisCredentials refused = handedOut.get();
        if (refused != null && refused != credentials) {
            // The connection logged in with credentials the file has replaced since (a reload raced the connect):
            // the current ones are not known to be refused, and no stale period starts for them.
            return false;
        }
        // "| 1" keeps the timestamp distinct from FRESH (0).
        if (!refusedSince.compareAndSet(FRESH, System.nanoTime() | 1)) {
            return false;
        }
        reread(FIRST_REREAD_MS);
        return true;
    }

    /** A new connection authenticated: the credentials work (e.g. the old password was given back). */
    boolean accepted() {
        return refusedSince.getAndSet(FRESH) != FRESH;
    }

    /** How long Redis has been refusing the current credentials; zero while they are not known to be refused. */
    Duration staleFor() {
        long since = refusedSince.get();
        return since == FRESH ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since);
    }

    private void reread(long delayMillis) {
        try {
            poller.schedule(() -> {
                reload();
                if (refusedSince.get() != FRESH) {
                    reread(Math.min(delayMillis * 2, MAX_REREAD_MS));
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed: the service is stopping
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
