package com.usersplatform.gateway.upstream;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Idle connections to the users service, most recently used first (the warmest socket, and fewer connections kept
 * busy under light load). A connection is handed out only after its probe says users has not closed it, and is
 * retired once it has been idle or open too long.
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

    /** A usable idle connection, or null when there is none (the caller opens one). */
    UpstreamConnection lease() {
        long now = nanoClock.getAsLong();
        for (UpstreamConnection connection = idle.pollFirst(); connection != null; connection = idle.pollFirst()) {
            idleCount.decrementAndGet();
            if (!expired(connection, now) && connection.usable()) {
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
