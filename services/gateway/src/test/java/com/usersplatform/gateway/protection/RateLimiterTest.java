package com.usersplatform.gateway.protection;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {
    @Test
    void allowsTheBurstThenRejectsWithAWaitOfAtLeastOneSecond() {
        RateLimiter limiter = new RateLimiter(1, 3, 100);
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), limiter.acquire("a"));
        }
        Optional<Duration> wait = limiter.acquire("a");
        assertTrue(wait.isPresent());
        assertEquals(1, wait.get().toSeconds());
        assertEquals(1, limiter.rejectedCount());
    }

    @Test
    void clientsHaveTheirOwnBuckets() {
        RateLimiter limiter = new RateLimiter(1, 1, 100);
        assertTrue(limiter.acquire("a").isEmpty());
        assertTrue(limiter.acquire("a").isPresent());
        assertTrue(limiter.acquire("b").isEmpty());
        assertEquals(2, limiter.trackedClients());
    }

    @Test
    void refillsOverTime() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(20, 1, 100);
        assertTrue(limiter.acquire("a").isEmpty());
        assertTrue(limiter.acquire("a").isPresent());
        Thread.sleep(120);
        assertTrue(limiter.acquire("a").isEmpty());
    }

    @Test
    void trackedClientsAreBounded() {
        RateLimiter limiter = new RateLimiter(1, 1, 10);
        for (int i = 0; i < 1000; i++) {
            limiter.acquire("client-" + i);
        }
        assertEquals(10, limiter.trackedClients());
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0, 10, 10));
    }
}
