package com.usersplatform.users.redis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Open while Redis is up; after a failure refuses every call except one probe per interval; closes on success. */
class OutageGuardTest {

    @Test
    void permitsEveryCallWhileNoFailureWasSeen() {
        OutageGuard guard = new OutageGuard(Duration.ofHours(1));
        assertFalse(guard.isDown());
        for (int i = 0; i < 3; i++) {
            assertTrue(guard.permits());
        }
    }

    @Test
    void aFailureRefusesCallsUntilTheProbeIntervalHasPassed() {
        OutageGuard guard = new OutageGuard(Duration.ofHours(1));
        guard.failed();
        assertTrue(guard.isDown());
        assertFalse(guard.permits(), "no probe before the interval");
        assertFalse(guard.permits());
    }

    @Test
    void letsOneProbeThroughPerIntervalAndASuccessOpensItAgain() throws Exception {
        Duration interval = Duration.ofMillis(300);
        OutageGuard guard = new OutageGuard(interval);
        long failedAt = System.nanoTime(); // before failed(), which starts the interval from its own clock reading
        guard.failed();
        while (!guard.permits()) {
            Thread.sleep(5);
        }
        long waited = System.nanoTime() - failedAt;
        assertTrue(waited >= interval.toNanos(), "probe after " + waited / 1_000_000 + " ms");
        assertFalse(guard.permits(), "one probe per interval: the next caller is refused");
        assertTrue(guard.isDown(), "a probe alone does not close the guard");

        Thread.sleep(interval.toMillis() + 50);
        assertTrue(guard.permits(), "the next interval's probe");
        guard.succeeded();
        assertFalse(guard.isDown());
        assertTrue(guard.permits());
        assertTrue(guard.permits());
    }

    @Test
    void aFailedProbeStartsANewInterval() throws Exception {
        OutageGuard guard = new OutageGuard(Duration.ofMillis(300));
        guard.failed();
        Thread.sleep(350);
        assertTrue(guard.permits());
        guard.failed();
        assertFalse(guard.permits(), "the failed probe restarts the wait");
    }
}
