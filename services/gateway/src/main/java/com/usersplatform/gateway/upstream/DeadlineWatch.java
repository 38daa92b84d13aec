package com.usersplatform.gateway.upstream;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ends exchanges with users that overrun their deadline, by closing their connection, which wakes the request
 * thread blocked on it with an exception (closing a channel wakes a virtual thread that waits on it,
 * {@code SocketChannelImpl.implCloseBlockingMode}). This replaces a socket read timeout ({@code SO_TIMEOUT}):
 * each read with one is a timed park of the virtual thread, and each timed park schedules and then cancels a task on
 * the scheduler's delay queue, waking its thread ({@code VirtualThread.afterYield}, {@code DelayScheduler.pend} in
 * JDK 25): 8-23 µs of CPU per request in the gateway's client measured alone (docs/performance.md, "The read
 * timeout without a timed wait"). One thread checks every open connection once per {@link #TICK}, however many requests
 * there are, so an exchange is given up between its deadline and one tick later.
 */
final class DeadlineWatch {
    /** How often deadlines are checked: the most a timeout can fire late. */
    static final Duration TICK = Duration.ofMillis(10);
    /** The gateway's one watch, with its daemon thread (started when the first connection opens). */
    static final DeadlineWatch SHARED = startDaemon();

    private final Set<UpstreamConnection> open = ConcurrentHashMap.newKeySet();

    /** A watch checked only by calls to {@link #expireOverdue} (tests); {@link #SHARED} has a thread doing it. */
    DeadlineWatch() {
    }

    private static DeadlineWatch startDaemon() {
        DeadlineWatch watch = new DeadlineWatch();
        Thread.ofPlatform().daemon().name("upstream-deadlines").start(watch::run);
        return watch;
    }

    /** Watches {@code connection} until {@link #forget} (its close). */
    void watch(UpstreamConnection connection) {
        open.add(connection);
    }

    void forget(UpstreamConnection connection) {
        open.remove(connection);
    }

    /** Closes every watched connection whose exchange is past its deadline at {@code now} ({@link System#nanoTime}). */
    void expireOverdue(long now) {
        for (UpstreamConnection connection : open) {
            connection.expireIfOverdue(now);
        }
    }

    /** Connections watched now. */
    int watched() {
        return open.size();
    }

    private void run() {
        while (true) {
            try {
                Thread.sleep(TICK);
            } catch (InterruptedException e) {
                return;
            }
            expireOverdue(System.nanoTime());
        }
    }
}
