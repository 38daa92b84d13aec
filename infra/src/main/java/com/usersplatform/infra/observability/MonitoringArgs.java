package com.usersplatform.infra.observability;

import com.pulumi.core.Output;
import com.usersplatform.stacks.SloConfig;

import java.util.Map;

/**
 * Inputs of {@link Monitoring}.
 *
 * @param namespace       the services' namespace (ServiceMonitors and rules live next to the services)
 * @param services        service name to the labels that select its Service (gateway, users)
 * @param thresholds      alert thresholds from the stack
 * @param prometheusReplicas Prometheus replicas (2 in production)
 * @param retention       how long Prometheus keeps samples, e.g. {@code 15d}
 * @param alertmanagerConfig Alertmanager's routing tree and receivers
 */
public record MonitoringArgs(Output<String> namespace, Map<String, Map<String, String>> services,
                             AlertThresholds thresholds, int prometheusReplicas, String retention,
                             Output<Map<String, Object>> alertmanagerConfig, String region) {

    /**
     * @param errorRatio        {@code ApiHighErrorRate} fires above this share of 5xx responses (0..1)
     * @param p99LatencySeconds {@code ApiHighLatencyP99} fires above this p99 latency, seconds
     * @param restartsPerHour   {@code PodRestartLoop} fires above this many restarts in an hour
     * @param slo               the objectives whose error budgets the burn-rate alerts guard
     */
    public record AlertThresholds(double errorRatio, double p99LatencySeconds, int restartsPerHour, SloConfig slo) {
    }
}
