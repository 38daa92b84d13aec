package com.usersplatform.common;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The metrics registry of a service, pre-filled with {@code http_requests_total{method,route,status_code}},
 * {@code http_request_duration_seconds{method,route,status_code}} (classic histogram) and the JVM metrics.
 * Services register their own series on {@link #registry()}, e.g. {@code Counter.builder()...register(registry())}.
 */
public final class HttpMetrics {
    /** Histogram buckets (seconds) for request and dependency latencies: 1 ms to 10 s. */
    public static final double[] LATENCY_BUCKETS =
            {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private static final PrometheusTextFormatWriter TEXT_FORMAT = PrometheusTextFormatWriter.create();

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram duration;

    /** A fresh registry (one per server, so several servers can share a JVM in tests). */
    public HttpMetrics() {
        requests = Counter.builder()
                .name("http_requests_total")
                .help("HTTP requests handled, by method, route template and status code")
                .labelNames("method", "route", "status_code")
                .register(registry);
        duration = Histogram.builder()
                .name("http_request_duration_seconds")
                .help("HTTP request duration, by method, route template and status code")
                .labelNames("method", "route", "status_code")
                .classicUpperBounds(LATENCY_BUCKETS)
                .classicOnly()
                .register(registry);
        JvmMetrics.builder().register(registry);
    }

    /** The registry to add service-specific series to. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** Records one handled request; {@code route} must be a template such as {@code /users/{id}}. */
    public void recordRequest(String method, String route, int statusCode, double seconds) {
        String status = Integer.toString(statusCode);
        requests.labelValues(method, route, status).inc();
        duration.labelValues(method, route, status).observe(seconds);
    }

    /** Writes every series in the Prometheus text format (version 0.0.4). */
    public void writeText(OutputStream out) throws IOException {
        TEXT_FORMAT.write(out, registry.scrape());
    }

    /** The content type of {@link #writeText(OutputStream)}. */
    public static String textContentType() {
        return TEXT_FORMAT.getContentType();
    }
}
