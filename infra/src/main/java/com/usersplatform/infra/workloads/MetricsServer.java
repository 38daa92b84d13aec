package com.usersplatform.infra.workloads;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.usersplatform.infra.kubernetes.HelmChart;

import java.util.Map;

/**
 * metrics-server (Helm, pinned): serves the resource metrics API ({@code metrics.k8s.io}) that the workloads' CPU and
 * memory HPAs read. EKS does not install it by default.
 * See https://github.com/kubernetes-sigs/metrics-server/tree/master/charts/metrics-server
 */
public final class MetricsServer extends ComponentResource {
    public static final HelmChart CHART =
            new HelmChart("metrics-server", "3.12.2", "https://kubernetes-sigs.github.io/metrics-server/");
    public static final String NAMESPACE = "kube-system";

    /** The release, for HPAs that should wait for the metrics API. */
    public final Release release;

    /** @param replicas metrics-server replicas (2 in production, with a PDB) */
    public MetricsServer(String name, int replicas, ComponentResourceOptions options) {
        super("users-platform:kubernetes:MetricsServer", name, options);
        this.release = CHART.install(name, NAMESPACE, false, Output.of(Map.of(
                        "replicas", replicas,
                        "podDisruptionBudget", Map.of("enabled", replicas > 1, "maxUnavailable", 1))),
                CustomResourceOptions.builder().parent(this).build());
        registerOutputs(Map.of());
    }
}
