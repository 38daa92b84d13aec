package com.usersplatform.gateway;

import java.util.Locale;

import com.usersplatform.common.HttpMetrics;
import com.usersplatform.gateway.protection.ApiKeys;
import com.usersplatform.gateway.protection.RateLimiter;
import com.usersplatform.gateway.upstream.UpstreamClient;
import com.usersplatform.gateway.upstream.UpstreamObserver;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The gateway's own series, added to the service registry: upstream latency by outcome, circuit breaker state,
 * rate limiter rejections and tracked clients, and the number of accepted API keys.
 */
final class GatewayMetrics implements UpstreamObserver {
    private final Histogram upstreamDuration;
    private final PrometheusRegistry registry;

    GatewayMetrics(HttpMetrics metrics) {
        this.registry = metrics.registry();
        this.upstreamDuration = Histogram.builder()
                .name("upstream_request_duration_seconds")
                .help("Time spent on a forwarded request (retries included), by upstream service, method and the"
                        + " status the client got")
                .labelNames("service", "method", "status_code")
                .classicUpperBounds(HttpMetrics.LATENCY_BUCKETS)
                .classicOnly()
                .register(registry);
    }

    @Override
    public void completed(String service, String method, int statusCode, long nanos) {
        upstreamDuration.labelValues(service, method, Integer.toString(statusCode)).observe(nanos / 1e9);
    }

    /** Exposes {@code circuit_breaker_state{service,state}}: 1 for the current state, 0 for the others. */
    void watch(UpstreamClient upstream) {
        GaugeWithCallback.builder()
                .name("circuit_breaker_state")
                .help("Circuit breaker state per upstream service: 1 for the current state (closed, open, half_open)")
                .labelNames("service", "state")
                .callback(cb -> {
                    CircuitBreaker.State current = upstream.breakerState();
                    for (CircuitBreaker.State state : new CircuitBreaker.State[] {CircuitBreaker.State.CLOSED,
                            CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN}) {
                        cb.call(state == current ? 1 : 0, upstream.service(), state.name().toLowerCase(Locale.ROOT));
                    }
                })
                .register(registry);
    }

    /** Exposes the limiter's rejections and tracked clients. */
    void watch(RateLimiter limiter) {
        CounterWithCallback.builder()
                .name("rate_limiter_rejected")
                .help("Requests answered 429 by the per-client rate limiter")
                .callback(cb -> cb.call(limiter.rejectedCount()))
                .register(registry);
        GaugeWithCallback.builder()
                .name("rate_limiter_clients")
                .help("Clients currently tracked by the rate limiter")
                .callback(cb -> cb.call(limiter.trackedClients()))
                .register(registry);
    }

    /** Exposes the number of accepted API keys (0 means every /api request is refused). */
    void watch(ApiKeys keys) {
        GaugeWithCallback.builder()
                .name("api_keys_loaded")
                .help("API key hashes currently accepted")
                .callback(cb -> cb.call(keys.size()))
                .register(registry);
    }
}
