package com.usersplatform.stacks;

/**
 * Distributed tracing: an OpenTelemetry Collector in the cluster receiving OTLP from both services and exporting to
 * AWS X-Ray, and the share of requests traced.
 *
 * @param enabled install the collector and point both services at it ({@code TRACING_OTLP_ENDPOINT}); without it
 *        trace ids are still propagated and logged, but no span leaves the pods
 * @param samplingRatio share of requests traced, decided at the gateway and followed by users, 0 to 1
 *        ({@code TRACING_SAMPLING_RATIO}); above 0 in production
 */
public record TracingConfig(boolean enabled, double samplingRatio) {

    /** Defaults: on, 5% of requests traced. */
    public static final TracingConfig DEFAULTS = new TracingConfig(true, 0.05);
}
