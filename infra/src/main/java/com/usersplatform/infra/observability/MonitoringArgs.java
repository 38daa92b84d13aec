package com.usersplatform.infra.observability;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import com.usersplatform.infra.args.ComponentArgs;
import com.usersplatform.stacks.PrometheusConfig;
import com.usersplatform.stacks.SloConfig;

import java.util.List;
import java.util.Map;

/**
 * Inputs of {@link Monitoring}; build them with {@link #builder()}, all required but the services map, which
 * defaults to empty ({@link ComponentArgs}).
 *
 * @param namespace       the services' namespace (ServiceMonitors and rules live next to the services)
 * @param services        service name to the labels that select its Service (gateway, users)
 * @param thresholds      alert thresholds from the stack
 * @param prometheusReplicas Prometheus replicas (2 in production)
 * @param prometheus      Prometheus's retention, volume size and resources from the stack
 * @param storage         the StorageClass of Prometheus's volume
 * @param alertmanagerConfig Alertmanager's routing tree and receivers
 * @param region          the stack's AWS region (the dashboards' CloudWatch data source)
 */
@ComponentArgs
public record MonitoringArgs(Output<String> namespace, Map<String, Map<String, String>> services,
                             AlertThresholds thresholds, Integer prometheusReplicas, PrometheusConfig prometheus,
                             Storage storage, Output<Map<String, Object>> alertmanagerConfig, String region) {

    /**
     * @param storageClass name of the StorageClass Prometheus's volume claims
     * @param ready        what must exist before the claim: the StorageClass and the CSI driver provisioning it
     */
    public record Storage(String storageClass, List<Resource> ready) {
        public Storage {
            ready = List.copyOf(ready);
        }
    }

    /**
     * @param errorRatio        {@code ApiHighErrorRate} fires above this share of 5xx responses (0..1)
     * @param p99LatencySeconds {@code ApiHighLatencyP99} fires above this p99 latency, seconds
     * @param restartsPerHour   {@code PodRestartLoop} fires above this many restarts in an hour
     * @param slo               the objectives whose error budgets the burn-rate alerts guard
     */
    public record AlertThresholds(double errorRatio, double p99LatencySeconds, int restartsPerHour, SloConfig slo) {
    }

    public static MonitoringArgsBuilder builder() {
        return MonitoringArgsBuilder.builder();
    }
}
