package com.usersplatform.infra.workloads;

import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * metrics-server (Helm, pinned): serves the resource metrics API ({@code metrics.k8s.io}) that the workloads' CPU and
 * memory HPAs read. EKS does not install it by default.
 * See https://github.com/kubernetes-sigs/metrics-server/tree/master/charts/metrics-server
 */
public final class MetricsServer extends ComponentResource {
    public static final String CHART = "metrics-server";
    public static final String CHART_VERSION = "3.12.2";
    public static final String CHART_REPO = "https://kubernetes-sigs.github.io/metrics-server/";
    public static final String NAMESPACE = "kube-system";

    /** The release, for HPAs that should wait for the metrics API. */
    public final Release release;

    /** @param replicas metrics-server replicas (2 in production, with a PDB) */
    public MetricsServer(String name, int replicas, ComponentResourceOptions options) {
        super("users-platform:kubernetes:MetricsServer", name, options);
        this.release = new Release(name, ReleaseArgs.builder()
                .name(CHART)
                .chart(CHART)
                .version(CHART_VERSION)
                .repositoryOpts(RepositoryOptsArgs.builder().repo(CHART_REPO).build())
                .namespace(NAMESPACE)
                .atomic(true)
                .values(Map.of(
                        "replicas", replicas,
                        "podDisruptionBudget", Map.of("enabled", replicas > 1, "maxUnavailable", 1)))
                .build(), CustomResourceOptions.builder().parent(this).build());
        registerOutputs(Map.of());
    }
}
