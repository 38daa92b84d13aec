package com.usersplatform.infra.autoscaling;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.usersplatform.infra.kubernetes.CustomObject;
import com.usersplatform.infra.kubernetes.HelmChart;
import com.usersplatform.stacks.StackConfig;

import java.util.List;
import java.util.Map;

/**
 * Node autoscaling by Karpenter: its interruption queue, node and controller identities, the controller (Helm,
 * pinned) on the managed node group, and one EC2NodeClass and NodePool from the stack's {@code nodeAutoscaling}. Pass
 * the EKS cluster's Kubernetes provider and the stack's AWS provider in the options' {@code providers}: every
 * Kubernetes object waits, through that provider, for the node group and CoreDNS.
 * https://github.com/aws/karpenter-provider-aws/blob/v1.14.1/website/content/en/docs/getting-started/getting-started-with-karpenter/_index.md
 */
public final class NodeAutoscaling extends ComponentResource {

    /** Karpenter's chart (which installs its CRDs) at the pinned version, from its OCI registry. */
    public static final HelmChart CHART = new HelmChart("karpenter", "1.14.1", "oci://public.ecr.aws/karpenter");
    public static final String NAMESPACE = "kube-system";
    public static final String SERVICE_ACCOUNT = "karpenter";

    /** The controller's release; the NodePool and EC2NodeClass wait for it (it installs their CRDs). */
    public final Release release;
    public final CustomObject nodeClass;
    public final CustomObject nodePool;

    public NodeAutoscaling(String name, NodeAutoscalingArgs args, ComponentResourceOptions options) {
        super("users-platform:autoscaling:NodeAutoscaling", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        StackConfig stack = args.stack();

        var queue = new InterruptionQueue(name + "-interruption", stack.resourcePrefix() + "-karpenter", child);
        var iam = new KarpenterIam(name, args.clusterName(), args.account(), queue, NAMESPACE, SERVICE_ACCOUNT, child);

        Output<Map<String, Object>> values = Output.tuple(args.clusterName(), queue.name).applyValue(t -> Map.of(
                // https://github.com/aws/karpenter-provider-aws/blob/v1.14.1/charts/karpenter/values.yaml
                "settings", Map.of("clusterName", t.t1, "interruptionQueue", t.t2),
                "serviceAccount", Map.of("name", SERVICE_ACCOUNT),
                "replicas", stack.production() ? 2 : 1,
                // On the managed group, never on a node Karpenter manages (which it could remove under itself): the
                // chart's default term plus the group label, as in the guide's migrating-from-cas page.
                // https://github.com/aws/karpenter-provider-aws/blob/v1.14.1/website/content/en/docs/getting-started/migrating-from-cas/_index.md
                "affinity", Map.of("nodeAffinity", Map.of("requiredDuringSchedulingIgnoredDuringExecution", Map.of(
                        "nodeSelectorTerms", List.of(Map.of("matchExpressions", List.of(
                                Map.of("key", "karpenter.sh/nodepool", "operator", "DoesNotExist"),
                                Map.of("key", "eks.amazonaws.com/nodegroup", "operator", "Exists"))))))),
                // The chart's default, kept explicit: it tolerates the taint EKS puts on system-only groups.
                "tolerations", List.of(Map.of("key", "CriticalAddonsOnly", "operator", "Exists"))));
        List<com.pulumi.resources.Resource> awsSide = new java.util.ArrayList<>(queue.resources);
        awsSide.addAll(iam.resources);
        this.release = CHART.install(name, NAMESPACE, false, values,
                CustomResourceOptions.builder().parent(this).dependsOn(awsSide).build());

        var afterChart = CustomResourceOptions.builder().parent(this).dependsOn(release).build();
        int disk = stack.cluster().nodeDiskSizeGib();
        this.nodeClass = new CustomObject(name + "-nodeclass", new CustomObject.Args("karpenter.k8s.aws/v1",
                "EC2NodeClass", ObjectMetaArgs.builder().name(NodePoolSpecs.NAME).build(),
                Output.tuple(iam.nodeRoleName, args.privateSubnetIds(), args.securityGroupId())
                        .applyValue(t -> NodePoolSpecs.nodeClass(t.t1, t.t2, t.t3, disk))), afterChart);
        this.nodePool = new CustomObject(name + "-nodepool", new CustomObject.Args("karpenter.sh/v1", "NodePool",
                ObjectMetaArgs.builder().name(NodePoolSpecs.NAME).build(),
                Output.of(NodePoolSpecs.nodePool(stack.nodeAutoscaling(), stack.cluster()))),
                CustomResourceOptions.builder().parent(this).dependsOn(List.of(release, nodeClass)).build());

        registerOutputs(Map.of("interruptionQueue", queue.name));
    }
}
