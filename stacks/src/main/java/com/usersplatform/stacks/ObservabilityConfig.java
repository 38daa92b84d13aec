package com.usersplatform.stacks;

/**
 * Monitoring of the API: ServiceMonitors, PrometheusRules and the Grafana dashboard, the alert thresholds, and
 * tracing.
 *
 * @param monitoringStack install the monitoring stack (Prometheus Operator) and apply the monitoring objects
 * @param errorRateThresholdPercent {@code ApiHighErrorRate} fires above this share of 5xx responses, percent
 *        (0 exclusive to 100)
 * @param p99LatencyThresholdMs {@code ApiHighLatencyP99} fires when the p99 request latency exceeds this, ms
 * @param slo the availability and latency objectives behind the burn-rate alerts
 * @param restartThreshold {@code PodRestartLoop} fires after this many container restarts within an hour
 * @param tracing the trace collector and sampling ratio
 * @param prometheus Prometheus's persistent volume, retention and resources
 * @param logs container and control-plane logs shipped to CloudWatch Logs, and their retention
 */
public record ObservabilityConfig(
        boolean monitoringStack,
        double errorRateThresholdPercent,
        int p99LatencyThresholdMs,
        SloConfig slo,
        int restartThreshold,
        TracingConfig tracing,
        PrometheusConfig prometheus,
        LogsConfig logs) {

    /** Defaults: monitoring on; alert above 5% errors or 1 s p99; SLOs of {@link SloConfig#DEFAULTS}; 3 restarts an hour; tracing on;
     * Prometheus of {@link PrometheusConfig#DEFAULTS};
     * logs of {@link LogsConfig#DEFAULTS}. */
    public static final ObservabilityConfig DEFAULTS =
            new ObservabilityConfig(true, 5.0, 1000, SloConfig.DEFAULTS, 3, TracingConfig.DEFAULTS,
                    PrometheusConfig.DEFAULTS, LogsConfig.DEFAULTS);
}
