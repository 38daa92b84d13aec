package com.usersplatform.stacks;

import java.util.List;

/**
 * Node autoscaling by Karpenter: one NodePool and EC2NodeClass launching nodes for pods the managed node group cannot
 * place (the controller itself runs on the node group).
 *
 * @param enabled install Karpenter, its interruption queue and its NodePool
 * @param instanceCategories EC2 instance categories Karpenter may launch ({@code karpenter.k8s.aws/instance-category},
 *        e.g. {@code c}, {@code m}, {@code r}); at least one
 * @param instanceGenerationAbove only generations newer than this ({@code karpenter.k8s.aws/instance-generation} Gt),
 *        0 to 20
 * @param capacityTypes purchase options ({@code karpenter.sh/capacity-type}): {@code onDemand} and/or {@code spot};
 *        with both, Karpenter prefers spot
 *        (https://github.com/aws/karpenter-provider-aws/blob/v1.14.1/website/content/en/docs/concepts/nodepools.md)
 * @param cpuLimit vCPUs the NodePool's nodes may add up to ({@code spec.limits.cpu}), 1 to 10000; the capacity check
 *        counts it towards the HPAs' maxima
 * @param memoryLimitGib memory the NodePool's nodes may add up to, GiB ({@code spec.limits.memory}), 1 to 100000
 * @param consolidationPolicy {@code WhenEmptyOrUnderutilized} or {@code WhenEmpty}
 *        ({@code spec.disruption.consolidationPolicy})
 * @param consolidateAfterSeconds how long a node stays empty/underused before Karpenter removes it, 0 to 86400
 */
public record NodeAutoscalingConfig(boolean enabled, List<String> instanceCategories, int instanceGenerationAbove,
                                    List<CapacityType> capacityTypes, int cpuLimit, int memoryLimitGib,
                                    String consolidationPolicy, int consolidateAfterSeconds) {

    /** Values of {@code spec.disruption.consolidationPolicy} in Karpenter v1's NodePool CRD. */
    public static final List<String> CONSOLIDATION_POLICIES = List.of("WhenEmptyOrUnderutilized", "WhenEmpty");

    /** Defaults: on, current c/m/r generations, on-demand, up to 32 vCPU / 128 GiB, consolidated after 5 minutes. */
    public static final NodeAutoscalingConfig DEFAULTS = new NodeAutoscalingConfig(true, List.of("c", "m", "r"), 5,
            List.of(CapacityType.ON_DEMAND), 32, 128, "WhenEmptyOrUnderutilized", 300);

    public NodeAutoscalingConfig {
        instanceCategories = List.copyOf(instanceCategories);
        capacityTypes = List.copyOf(capacityTypes);
    }
}
