package com.usersplatform.users.redis;

import com.usersplatform.common.HttpMetrics;
import io.prometheus.metrics.core.metrics.Histogram;
import java.util.concurrent.atomic.AtomicLong;

/** {@code redis_operation_duration_seconds{operation,status}} and the {@code users_total} gauge. */
final class RedisMetrics {
    private final Histogram operations;
    private final AtomicLong users = new AtomicLong();

    RedisMetrics(HttpMetrics metrics) {
        operations = Histogram.builder()
                .name("redis_operation_duration_seconds")
                .help("Redis operations of the user store, by operation and outcome (ok, error, rejected)")
                .labelNames("operation", "status")
                .classicUpperBounds(HttpMetrics.LATENCY_BUCKETS)
                .classicOnly()
                .register(metrics.registry());
        metrics.addTextGauge("users_total", "Users in the store (as of the last write or list)", users::get);
    }

    void observe(String operation, String status, long nanos) {
        operations.labelValues(operation, status).observe(nanos / 1e9);
    }

    void users(long count) {
        users.set(count);
    }
}
