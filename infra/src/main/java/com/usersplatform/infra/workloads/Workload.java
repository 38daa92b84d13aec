package com.usersplatform.infra.workloads;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentStrategyArgs;
import com.pulumi.kubernetes.apps.v1.inputs.RollingUpdateDeploymentArgs;
import com.pulumi.kubernetes.autoscaling.v2.HorizontalPodAutoscaler;
import com.pulumi.kubernetes.autoscaling.v2.HorizontalPodAutoscalerArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.CrossVersionObjectReferenceArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HPAScalingPolicyArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HPAScalingRulesArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HorizontalPodAutoscalerBehaviorArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HorizontalPodAutoscalerSpecArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.MetricSpecArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.MetricTargetArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.ResourceMetricSourceArgs;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.policy.v1.PodDisruptionBudget;
import com.pulumi.kubernetes.policy.v1.PodDisruptionBudgetArgs;
import com.pulumi.kubernetes.policy.v1.inputs.PodDisruptionBudgetSpecArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import com.usersplatform.infra.kubernetes.Labels;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One service in the cluster: ServiceAccount, ConfigMap, Deployment, ClusterIP Service, HPA (autoscaling/v2) and
 * PodDisruptionBudget. Used for both gateway and users; every difference comes from {@link WorkloadArgs}.
 */
public final class Workload extends ComponentResource {
    /** Scale-down removes at most one pod a minute, after the stack's stabilisation window. */
    static final int SCALE_DOWN_PODS_PER_MINUTE = 1;

    /** ClusterIP Service name (other workloads reach the service at {@code http://<name>.<namespace>:<port>}). */
    public final Output<String> serviceName;
    /** Labels that select this workload's pods. */
    public final Map<String, String> podSelector;

    public Workload(String name, WorkloadArgs args, ComponentResourceOptions options) {
        this(name, args, List.of(), options);
    }

    /**
     * @param mountedSecretSources what the Deployment waits for before its pods are created: what creates the
     *                             Kubernetes Secret the pods mount (the ExternalSecret), so the volume can exist, and
     *                             any webhook that mutates its pods (the load balancer controller's)
     */
    public Workload(String name, WorkloadArgs args, List<Resource> mountedSecretSources,
                    ComponentResourceOptions options) {
        super("users-platform:kubernetes:Workload", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        this.podSelector = Labels.selector(args.name());

        new ServiceAccount(name, ServiceAccountArgs.builder()
                .metadata(meta(args, args.name()))
                .automountServiceAccountToken(false)
                .build(), child);

        var configMap = new ConfigMap(name + "-config", ConfigMapArgs.builder()
                .metadata(meta(args, args.name() + "-config"))
                .data(args.sortedConfig())
                .build(), child);

        String configMapName = args.name() + "-config";
        Map<String, String> podLabels = new TreeMap<>(Labels.common(args.name()));
        var deployment = new Deployment(name, DeploymentArgs.builder()
                .metadata(meta(args, args.name()))
                .spec(DeploymentSpecArgs.builder()
                        // No replicas: the HPA owns the count (a fixed value would fight it on every update).
                        .revisionHistoryLimit(5)
                        .selector(selector())
                        .strategy(DeploymentStrategyArgs.builder()
                                .type("RollingUpdate")
                                .rollingUpdate(RollingUpdateDeploymentArgs.builder().maxSurge(1).maxUnavailable(0).build())
                                .build())
                        .template(PodTemplate.build(args, configMapName, podLabels))
                        .build())
                .build(), CustomResourceOptions.builder().parent(this)
                .dependsOn(Stream.concat(Stream.of(configMap), mountedSecretSources.stream()).toList()).build());

        var service = new Service(name, ServiceArgs.builder()
                .metadata(meta(args, args.name()))
                .spec(ServiceSpecArgs.builder()
                        .type("ClusterIP")
                        .selector(podSelector)
                        .ports(ServicePortArgs.builder().name("http").port(args.port()).targetPort("http")
                                .protocol("TCP").build())
                        .build())
                .build(), child);

        new HorizontalPodAutoscaler(name, HorizontalPodAutoscalerArgs.builder()
                .metadata(meta(args, args.name()))
                .spec(hpaSpec(args))
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(deployment).build());

        new PodDisruptionBudget(name, PodDisruptionBudgetArgs.builder()
                .metadata(meta(args, args.name()))
                .spec(PodDisruptionBudgetSpecArgs.builder()
                        // maxUnavailable 1 always lets a node drain proceed one pod at a time, even at 1 replica.
                        .maxUnavailable(1)
                        // A pod that is not Ready (crash-looping, stuck) may be evicted whatever the budget, so a
                        // broken pod never blocks a drain: https://kubernetes.io/docs/tasks/run-application/configure-pdb/#unhealthy-pod-eviction-policy
                        .unhealthyPodEvictionPolicy("AlwaysAllow")
                        .selector(selector())
                        .build())
                .build(), child);

        this.serviceName = service.metadata().applyValue(meta -> meta.name().orElse(args.name()));
        registerOutputs(Map.of("serviceName", serviceName));
    }

    private LabelSelectorArgs selector() {
        return LabelSelectorArgs.builder().matchLabels(podSelector).build();
    }

    private static ObjectMetaArgs meta(WorkloadArgs args, String objectName) {
        return ObjectMetaArgs.builder().name(objectName).namespace(args.namespace())
                .labels(Labels.common(args.name())).build();
    }

    private static HorizontalPodAutoscalerSpecArgs hpaSpec(WorkloadArgs args) {
        var scaling = args.autoscaling();
        return HorizontalPodAutoscalerSpecArgs.builder()
                .scaleTargetRef(CrossVersionObjectReferenceArgs.builder()
                        .apiVersion("apps/v1").kind("Deployment").name(args.name()).build())
                .minReplicas(scaling.minReplicas())
                .maxReplicas(scaling.maxReplicas())
                .metrics(utilization("cpu", scaling.cpuTargetPercent()),
                        utilization("memory", scaling.memoryTargetPercent()))
                .behavior(HorizontalPodAutoscalerBehaviorArgs.builder()
                        .scaleUp(HPAScalingRulesArgs.builder()
                                .stabilizationWindowSeconds(0)
                                .selectPolicy("Max")
                                .policies(HPAScalingPolicyArgs.builder().type("Percent").value(100).periodSeconds(30).build(),
                                        HPAScalingPolicyArgs.builder().type("Pods").value(2).periodSeconds(30).build())
                                .build())
                        .scaleDown(HPAScalingRulesArgs.builder()
                                .stabilizationWindowSeconds(scaling.scaleDownStabilizationSeconds())
                                .selectPolicy("Min")
                                .policies(HPAScalingPolicyArgs.builder().type("Pods")
                                        .value(SCALE_DOWN_PODS_PER_MINUTE).periodSeconds(60).build())
                                .build())
                        .build())
                .build();
    }

    private static MetricSpecArgs utilization(String resource, int percent) {
        return MetricSpecArgs.builder()
                .type("Resource")
                .resource(ResourceMetricSourceArgs.builder()
                        .name(resource)
                        .target(MetricTargetArgs.builder().type("Utilization").averageUtilization(percent).build())
                        .build())
                .build();
    }
}
