package com.usersplatform.common;

import com.usersplatform.contract.CommonContract;
import io.helidon.config.Config;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The tracing settings of a service: the {@code tracing.*} settings of {@link CommonContract}, the same keys and
 * environment variables ({@code TRACING_OTLP_ENDPOINT}, {@code TRACING_SAMPLING_RATIO}, ...) in both services.
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
    private static final String WHAT = "tracing configuration";

    /** Rejects settings the exporter cannot run with, naming the key. */
    public TracingSettings {
        otlpEndpoint.ifPresent(uri -> require(("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                && uri.getHost() != null, "tracing.otlp.endpoint must be an http(s) URL with a host, got " + uri));
        require(samplingRatio >= 0 && samplingRatio <= 1,
                "tracing.sampling.ratio must be between 0 and 1, got " + samplingRatio);
        ConfigValues.requireWithin(CommonContract.TRACING_QUEUE_SIZE, queueSize, WHAT);
        ConfigValues.requireWithin(CommonContract.TRACING_EXPORT_TIMEOUT_MS, exportTimeout.toMillis(), WHAT);
    }

    /** No export, no span log: trace ids are still propagated and logged. */
    public static TracingSettings disabled() {
        return from(Config.empty());
    }

    /** Reads the {@code tracing.*} settings of {@code root} (the configuration root); contract defaults. */
    public static TracingSettings from(Config root) {
        return new TracingSettings(
                ConfigValues.uri(root, CommonContract.TRACING_OTLP_ENDPOINT),
                parseRatio(ConfigValues.string(root, CommonContract.TRACING_SAMPLING_RATIO).trim()),
                ConfigValues.integer(root, CommonContract.TRACING_QUEUE_SIZE),
                ConfigValues.millis(root, CommonContract.TRACING_EXPORT_TIMEOUT_MS),
                ConfigValues.bool(root, CommonContract.TRACING_LOG_SPANS, WHAT));
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
        ConfigValues.require(condition, WHAT, message);
    }
}
