package com.usersplatform.common;

import io.helidon.config.Config;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The tracing settings of a service, read from the {@code tracing} node of its configuration (the same keys in both
 * services; environment variables {@code TRACING_OTLP_ENDPOINT}, {@code TRACING_SAMPLING_RATIO},
 * {@code TRACING_QUEUE_SIZE}, {@code TRACING_EXPORT_TIMEOUT_MS}, {@code TRACING_LOG_SPANS}).
 *
 * @param otlpEndpoint  OTLP/HTTP base URL of a collector, e.g. {@code http://collector:4318}; spans go to its
 *                      {@code /v1/traces}. Empty: nothing is exported
 * @param samplingRatio share of new traces recorded and exported, 0 to 1 (parent-based downstream)
 * @param queueSize     spans waiting for export at most; more are dropped, never blocking a request
 * @param exportTimeout bound on one export call to the collector
 * @param logSpans      also write every recorded span as a JSON log line ({@code bin/local --traces})
 */
public record TracingSettings(Optional<URI> otlpEndpoint, double samplingRatio, int queueSize,
                              Duration exportTimeout, boolean logSpans) {
    /** Largest accepted span queue: at ~1 KiB per span, 64 MiB of heap at most. */
    public static final int MAX_QUEUE_SIZE = 65_536;

    /** Rejects settings the exporter cannot run with, naming the key. */
    public TracingSettings {
        otlpEndpoint.ifPresent(uri -> require(("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                && uri.getHost() != null, "tracing.otlp.endpoint must be an http(s) URL with a host, got " + uri));
        require(samplingRatio >= 0 && samplingRatio <= 1,
                "tracing.sampling.ratio must be between 0 and 1, got " + samplingRatio);
        require(queueSize >= 1 && queueSize <= MAX_QUEUE_SIZE,
                "tracing.queue.size must be 1-" + MAX_QUEUE_SIZE + ", got " + queueSize);
        require(!exportTimeout.isNegative() && !exportTimeout.isZero(), "tracing.export.timeout.ms must be positive");
    }

    /** No export, no span log: trace ids are still propagated and logged. */
    public static TracingSettings disabled() {
        return new TracingSettings(Optional.empty(), 1.0, 2048, Duration.ofSeconds(10), false);
    }

    /** Reads {@code node} (the {@code tracing} node); defaults as in {@link #disabled()}. */
    public static TracingSettings from(Config node) {
        String ratio = node.get("sampling.ratio").asString().orElse("1.0").trim();
        String logSpans = node.get("log.spans").asString().orElse("false").trim().toLowerCase(Locale.ROOT);
        require(logSpans.equals("true") || logSpans.equals("false"),
                "tracing.log.spans must be true or false, got " + logSpans);
        return new TracingSettings(
                node.get("otlp.endpoint").asString().map(String::trim).filter(s -> !s.isEmpty()).map(URI::create),
                parseRatio(ratio),
                node.get("queue.size").asInt().orElse(2048),
                Duration.ofMillis(node.get("export.timeout.ms").asLong().orElse(10_000L)),
                Boolean.parseBoolean(logSpans));
    }

    private static double parseRatio(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Invalid tracing configuration: tracing.sampling.ratio must be a number, got " + text, e);
        }
    }

    private static void require(boolean condition, String message) {
        ConfigValues.require(condition, "tracing configuration", message);
    }
}
