package com.usersplatform.infra.autoscaling;

import com.usersplatform.stacks.CapacityRules;
import com.usersplatform.stacks.CapacityType;
import com.usersplatform.stacks.ClusterConfig;
import com.usersplatform.stacks.NodeAutoscalingConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Specs of Karpenter's NodePool ({@code karpenter.sh/v1}) and EC2NodeClass ({@code karpenter.k8s.aws/v1}) from the
 * stack's records, as plain maps. Field meanings are those of the CRDs at the pinned version:
 * https://github.com/aws/karpenter-provider-aws/tree/v1.14.1/pkg/apis/crds
 */
final class NodePoolSpecs {

    /** Name of the one NodePool and EC2NodeClass. */
    static final String NAME = "default";
    /**
     * The AMI family of the managed node group (AL2023); {@code latest} follows EKS's releases, and Karpenter replaces
     * nodes whose AMI drifted, respecting PDBs (EC2NodeClass {@code amiSelectorTerms.alias}, {@code family@version}).
     */
    static final String AMI_ALIAS = "al2023@latest";

    private NodePoolSpecs() {
    }

    static Map<String, Object> nodePool(NodeAutoscalingConfig scaling, ClusterConfig cluster) {
        List<Object> requirements = List.of(
                requirement("kubernetes.io/arch", "In", List.of("arm64".equals(cluster.cpuArchitecture()) ? "arm64"
                        : "amd64")),
                requirement("kubernetes.io/os", "In", List.of("linux")),
                requirement("karpenter.sh/capacity-type", "In", scaling.capacityTypes().stream()
                        .map(NodePoolSpecs::capacityType).toList()),
                requirement("karpenter.k8s.aws/instance-category", "In", scaling.instanceCategories()),
                requirement("karpenter.k8s.aws/instance-generation", "Gt",
                        List.of(Integer.toString(scaling.instanceGenerationAbove()))),
                // The capacity check assumes nodes of at least this many vCPUs (CapacityRules.karpenterAllocatable).
                requirement("karpenter.k8s.aws/instance-cpu", "Gt",
                        List.of(Integer.toString(CapacityRules.KARPENTER_MIN_NODE_VCPUS - 1))));
        Map<String, Object> template = Map.of("spec", Map.of(
                "requirements", requirements,
                "nodeClassRef", Map.of("group", "karpenter.k8s.aws", "kind", "EC2NodeClass", "name", NAME)));
        return Map.of(
                "template", template,
                // NodePool limits count the capacity of its nodes (CRD: spec.limits).
                "limits", Map.of("cpu", Integer.toString(scaling.cpuLimit()), "memory", scaling.memoryLimitGib() + "Gi"),
                "disruption", Map.of("consolidationPolicy", scaling.consolidationPolicy(),
                        "consolidateAfter", scaling.consolidateAfterSeconds() + "s"));
    }

    /**
     * The EC2NodeClass: the managed group's private subnets and the cluster security group (which the group's nodes
     * carry), IMDSv2 with hop limit 1 and an encrypted gp3 root volume like the group's launch template.
     */
    static Map<String, Object> nodeClass(String nodeRoleName, List<String> subnetIds, String securityGroupId,
                                         int diskSizeGib) {
        Map<String, Object> spec = new LinkedHashMap<>();
        // Karpenter v1 creates and tags the instance profile of this role itself (the controller's
        // IAMIntegrationPolicy allows exactly that).
        spec.put("role", nodeRoleName);
        spec.put("amiSelectorTerms", List.of(Map.of("alias", AMI_ALIAS)));
        spec.put("subnetSelectorTerms", subnetIds.stream().map(id -> Map.of("id", id)).toList());
        spec.put("securityGroupSelectorTerms", List.of(Map.of("id", securityGroupId)));
        // Hop limit 1: containers (one hop further) cannot fetch the node role's credentials.
        spec.put("metadataOptions", Map.of("httpEndpoint", "enabled", "httpProtocolIPv6", "disabled",
                "httpPutResponseHopLimit", 1, "httpTokens", "required"));
        spec.put("blockDeviceMappings", List.of(Map.of("deviceName", "/dev/xvda", "ebs", Map.of(
                "volumeSize", diskSizeGib + "Gi", "volumeType", "gp3", "encrypted", true,
                "deleteOnTermination", true))));
        return spec;
    }

    /** {@code karpenter.sh/capacity-type} values: {@code on-demand}, {@code spot}. */
    static String capacityType(CapacityType type) {
        return type == CapacityType.SPOT ? "spot" : "on-demand";
    }

    private static Map<String, Object> requirement(String key, String operator, List<String> values) {
        return Map.of("key", key, "operator", operator, "values", values);
    }
}
