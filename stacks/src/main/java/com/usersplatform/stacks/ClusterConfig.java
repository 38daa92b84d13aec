package com.usersplatform.stacks;

import java.util.List;
import java.util.Objects;

/**
 * EKS cluster and its managed node group (nodes run in the private subnets).
 *
 * @param kubernetesVersion pinned EKS Kubernetes version, {@code major.minor}
 * @param nodeInstanceTypes EC2 instance types of the node group, tried in order; all of one CPU architecture
 * @param capacityType node purchase option: {@code onDemand} or {@code spot}
 * @param minNodes node group minimum size; at least 1
 * @param desiredNodes node group size at creation; between min and max
 * @param maxNodes node group maximum size
 * @param nodeDiskSizeGib root volume of each node, GiB (20 to 16384)
 * @param endpointPublicAccessCidrs CIDRs that may reach the public API endpoint; empty turns the public endpoint
 *        off (the private endpoint is always on); {@code 0.0.0.0/0} is refused in production
 * @param adminPrincipalArns IAM role or user ARNs granted cluster-admin through EKS access entries
 */
public record ClusterConfig(
        String kubernetesVersion,
        List<String> nodeInstanceTypes,
        CapacityType capacityType,
        int minNodes,
        int desiredNodes,
        int maxNodes,
        int nodeDiskSizeGib,
        List<String> endpointPublicAccessCidrs,
        List<String> adminPrincipalArns) {

    /** Defaults: Kubernetes 1.33 on 2–4 on-demand t3.large nodes, public endpoint off, no extra admins. */
    public static final ClusterConfig DEFAULTS = new ClusterConfig(
            "1.33", List.of("t3.large"), CapacityType.ON_DEMAND, 2, 2, 4, 50, List.of(), List.of());

    public ClusterConfig {
        nodeInstanceTypes = List.copyOf(Objects.requireNonNull(nodeInstanceTypes, "nodeInstanceTypes"));
        endpointPublicAccessCidrs = List.copyOf(
                Objects.requireNonNull(endpointPublicAccessCidrs, "endpointPublicAccessCidrs"));
        adminPrincipalArns = List.copyOf(Objects.requireNonNull(adminPrincipalArns, "adminPrincipalArns"));
    }

    /** Whether the public API endpoint is enabled (some access CIDR is configured). */
    public boolean publicEndpoint() {
        return !endpointPublicAccessCidrs.isEmpty();
    }

    /** CPU architecture of the node instance types: {@code arm64} for Graviton families, else {@code x86_64}. */
    public String cpuArchitecture() {
        return InstanceTypes.isGraviton(nodeInstanceTypes.getFirst()) ? "arm64" : "x86_64";
    }
}
