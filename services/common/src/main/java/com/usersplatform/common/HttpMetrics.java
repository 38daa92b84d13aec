package com.usersplatform.common;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.DoubleSupplier;

/**
 * The metrics registry of a service, pre-filled with {@code http_requests_total{method,route,status_code}},
 * {@code http_request_duration_seconds{method,route,status_code}} (classic histogram) and the JVM metrics.
 * Services register their own series on {@link #registry()}, e.g. {@code Counter.builder()...register(registry())}.
 * Histograms observed while a sampled span is current keep its trace id as an exemplar (the client's
 * prometheus-metrics-tracer-otel reads the OpenTelemetry context); only the OpenMetrics format carries exemplars.
 */
public final class HttpMetrics {
    /** Histogram buckets (seconds) for request and dependency latencies: 1 ms to 10 s. */
    public static final double[] LATENCY_BUCKETS =
            {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private static final PrometheusTextFormatWriter TEXT_FORMAT = PrometheusTextFormatWriter.create();
    private static final OpenMetricsTextFormatWriter OPEN_METRICS = OpenMetricsTextFormatWriter.create();
    private static final String EOF = "# EOF\n";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Map<String, TextGauge> textGauges = new ConcurrentSkipListMap<>();
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

    /**
     * Adds a gauge written directly in the text format, for the rare gauge whose fixed name ends in {@code _total}
     * (e.g. {@code users_total}): the 0.0.4 text format allows it, but the client library reserves that suffix for
     * counters (OpenMetrics). Use {@link #registry()} for everything else.
     *
     * @param name  metric name, {@code [a-zA-Z_:][a-zA-Z0-9_:]*}
     * @param help  one-line description
     * @param value read at every scrape; must not block
     */
    public void addTextGauge(String name, String help, DoubleSupplier value) {
        if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*") || help.contains("\n")) {
            throw new IllegalArgumentException("Invalid gauge name or help: " + name);
        }
        textGauges.put(name, new TextGauge(help, value));
    }

    /** Writes every series in the Prometheus text format (version 0.0.4). */
    public void writeText(OutputStream out) throws IOException {
        TEXT_FORMAT.write(out, registry.scrape());
        out.write(textGauges().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes every series in the OpenMetrics 1.0 text format, exemplars included. The text gauges go before the
     * closing {@code # EOF}; a gauge may end in {@code _total} there as long as no counter's samples clash with it
     * (https://prometheus.io/docs/specs/om/open_metrics_spec/#metricfamily).
     */
    public void writeOpenMetrics(OutputStream out) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(16_384);
        OPEN_METRICS.write(buffer, registry.scrape());
        String text = buffer.toString(StandardCharsets.UTF_8);
        if (text.endsWith(EOF)) {
            text = text.substring(0, text.length() - EOF.length());
        }
        out.write((text + textGauges() + EOF).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a scraper's {@code Accept} header asks for OpenMetrics (Prometheus does, exemplars need it). */
    public static boolean acceptsOpenMetrics(String accept) {
        return accept != null && OPEN_METRICS.accepts(accept);
    }

    /** The content type of {@link #writeOpenMetrics(OutputStream)}. */
    public static String openMetricsContentType() {
        return OPEN_METRICS.getContentType();
    }

    private String textGauges() {
        StringBuilder text = new StringBuilder();
        textGauges.forEach((name, gauge) -> text.append("# HELP ").append(name).append(' ').append(gauge.help())
                .append("\n# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(gauge.value().getAsDouble()).append('\n'));
        return text.toString();
    }

    /** The content type of {@link #writeText(OutputStream)}. */
    public static String textContentType() {
        return TEXT_FORMAT.getContentType();
    }

    private record TextGauge(String help, DoubleSupplier value) {
    }
}
