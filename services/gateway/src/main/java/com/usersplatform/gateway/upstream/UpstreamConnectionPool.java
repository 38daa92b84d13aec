package com.usersplatform.gateway.upstream;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Idle connections to the users service, most recently used first (the warmest socket, and fewer connections kept
 * busy under light load). A connection is handed out after its probe says users has not closed it, unless the request
 * may be sent again and the connection was in use moments ago, and is retired once it has been idle or open too long.
 */
final class UpstreamConnectionPool {
    /**
     * Idle connections kept: more than the gateway's concurrent requests to users on one pod in the benchmarks (32);
     * the rest are closed when they come back.
     */
    static final int MAX_IDLE = 64;
    /** Well below users' own idle timeout (Helidon's default 5 minutes, checked every 2, ListenerConfig). */
    static final Duration MAX_IDLE_TIME = Duration.ofSeconds(30);
    /**
     * A Service's virtual IP picks a pod once per connection
     * (https://kubernetes.io/docs/reference/networking/virtual-ips/), so connections kept forever would never reach
     * users pods added by scaling out: each is replaced after this long.
     */
    static final Duration MAX_AGE = Duration.ofSeconds(60);
    /**
     * How long a connection may have been idle and still go to a repeatable request without a probe. The probe is a
     * system call on every request under load, and what it guards against is handled for such requests anyway: a
     * connection users closed fails before any byte of an answer, and {@link UpstreamClient} sends the request again
     * on a new one. A request that may not be repeated is always probed. OkHttp draws the same line: it checks the
     * socket of a pooled HTTP/1.1 connection only for requests other than GET, and only after 10 s idle
     * (https://github.com/square/okhttp/blob/master/okhttp/src/main/kotlin/okhttp3/internal/connection/RealConnection.kt,
     * {@code isHealthy}); here the line is shorter, so a connection users closed while idle costs a repeatable request
     * a failed write only in its first second.
     */
    static final Duration PROBE_AFTER_IDLE = Duration.ofSeconds(1);

    private final ConcurrentLinkedDeque<UpstreamConnection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final LongSupplier nanoClock;

    UpstreamConnectionPool() {
        this(System::nanoTime);
    }

    /** @param nanoClock monotonic nanoseconds ({@link System#nanoTime()}; tests pass their own) */
    UpstreamConnectionPool(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * A usable idle connection, or null when there is none (the caller opens one).
     *
     * @param repeatable whether the request may be sent again on a new connection if this one turns out closed
     */
    UpstreamConnection lease(boolean repeatable) {
        long now = nanoClock.getAsLong();
        for (UpstreamConnection connection = idle.pollFirst(); connection != null; connection = idle.pollFirst()) {
            idleCount.decrementAndGet();
            boolean probe = !repeatable || now - connection.idleSince() >= PROBE_AFTER_IDLE.toNanos();
            if (!expired(connection, now) && (!probe || connection.usable())) {
                return connection;
            }
            connection.close();
        }
        return null;
    }

    /** Takes {@code connection} back after a complete exchange that left it reusable. */
    void release(UpstreamConnection connection) {
        long now = nanoClock.getAsLong();
        if (connection.firstPooled() >= 0 && now - connection.firstPooled() > MAX_AGE.toNanos()) {
            connection.close();
            return;
        }
        if (idleCount.incrementAndGet() > MAX_IDLE) {
            idleCount.decrementAndGet();
            connection.close();
            return;
        }
        connection.markIdle(now);
        idle.offerFirst(connection);
    }

    /** Idle connections held now. */
    int idle() {
        return idleCount.get();
    }

    private static boolean expired(UpstreamConnection connection, long now) {
        return now - connection.idleSince() > MAX_IDLE_TIME.toNanos()
                || now - connection.firstPooled() > MAX_AGE.toNanos();
    }
}
