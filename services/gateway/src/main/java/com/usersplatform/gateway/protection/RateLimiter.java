package com.usersplatform.gateway.protection;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.Bucket;
import io.helidon.common.LruCache;

/**
 * Per-client token buckets (Bucket4j): {@code rps} tokens per second refilled greedily, up to {@code burst}. Buckets
 * live in a bounded LRU map, so a flood of distinct client ids costs bounded memory (an evicted client simply starts
 * again with a full bucket).
 */
public final class RateLimiter {
    private final long rps;
    private final long burst;
    private final LruCache<String, Bucket> buckets;
    private final AtomicLong rejected = new AtomicLong();

    /**
     * @param rps        sustained requests per second per client
     * @param burst      bucket capacity (requests a client may send at once)
     * @param maxClients how many clients are tracked at once
     */
    public RateLimiter(long rps, long burst, int maxClients) {
        if (rps < 1 || burst < 1) {
            throw new IllegalArgumentException("rate limit rps and burst must be >= 1, got " + rps + "/" + burst);
        }
        this.rps = rps;
        this.burst = burst;
        this.buckets = LruCache.create(maxClients);
    }

    /**
     * Takes one token for {@code client}.
     *
     * @return empty when the request may pass, else how long the client should wait (at least one second, the
     *         granularity of {@code Retry-After})
     */
    public Optional<Duration> acquire(String client) {
        Bucket bucket = buckets.computeValue(client, () -> Optional.of(newBucket())).orElseThrow();
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        rejected.incrementAndGet();
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return Optional.of(Duration.ofSeconds(seconds));
    }

    /** Requests rejected since start. */
    public long rejectedCount() {
        return rejected.get();
    }

    /** Clients currently tracked. */
    public int trackedClients() {
        return buckets.size();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(rps, Duration.ofSeconds(1)))
                .build();
    }
}
