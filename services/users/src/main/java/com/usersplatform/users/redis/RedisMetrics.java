package com.usersplatform.users.redis;

import com.usersplatform.common.HttpMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * {@code redis_operation_duration_seconds{operation,status}}, the {@code users_total} gauge, and the credentials'
 * state: {@code redis_credentials_rejected_total} and {@code redis_credentials_stale_seconds}.
 */
final class RedisMetrics {
    private final HttpMetrics metrics;
    private final Histogram operations;
    private final Counter rejected;
    private final AtomicLong users = new AtomicLong();

    RedisMetrics(HttpMetrics metrics) {
        this.metrics = metrics;
        rejected = Counter.builder()
                .name("redis_credentials_rejected")
                .help("Times Redis refused the credentials from the file (WRONGPASS/NOAUTH) on a new connection")
                .register(metrics.registry());
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

    void credentialsRejected() {
        rejected.inc();
    }

    /** Registers the gauge of how long Redis has been refusing the file's credentials (0 while they work). */
    void credentialsStaleness(DoubleSupplier seconds) {
        GaugeWithCallback.builder()
                .name("redis_credentials_stale_seconds")
                .help("How long Redis has refused the credentials from the file on new connections; 0 when fresh")
                .callback(callback -> callback.call(seconds.getAsDouble()))
                .register(metrics.registry());
    }

    void users(long count) {
        users.set(count);
    }
}
