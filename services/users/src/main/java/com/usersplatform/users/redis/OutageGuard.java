package com.usersplatform.users.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fails fast while Redis is known to be down: after a connection failure, calls are refused at once except one probe
 * per interval, which closes the guard again when it succeeds. Keeps 503s instant during an outage instead of
 * every request paying the connect timeout, and lets the service recover by itself.
 */
final class OutageGuard {
    private final long probeIntervalNanos;
    private final AtomicLong nextProbeAt = new AtomicLong();
    private volatile boolean down;

    OutageGuard(Duration probeInterval) {
        this.probeIntervalNanos = probeInterval.toNanos();
    }

    /** Whether a call may go to Redis now (always when up; one caller per interval when down). */
    boolean permits() {
        if (!down) {
            return true;
        }
        long now = System.nanoTime();
        long next = nextProbeAt.get();
        return now - next >= 0 && nextProbeAt.compareAndSet(next, now + probeIntervalNanos);
    }

    void succeeded() {
        down = false;
    }

    void failed() {
        nextProbeAt.set(System.nanoTime() + probeIntervalNanos);
        down = true;
    }

    boolean isDown() {
        return down;
    }
}
