package com.usersplatform.stacks;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 * @param endpointPublicAccessCidrs CIDRs that may reach the public API endpoint with {@code endpointAccess:
 *        publicCidrs} (at most 40); empty otherwise; {@code 0.0.0.0/0} is refused in production
 * @param adminPrincipalArns IAM role or user ARNs granted cluster-admin through EKS access entries
 * @param endpointAccess who reaches the API endpoint: {@code private} (from inside the VPC only), {@code publicCidrs}
 *        (also from {@code endpointPublicAccessCidrs}) or {@code publicIamOnly} (from anywhere, IAM authentication
 *        only: for deploy machines without fixed addresses, such as GitHub-hosted runners); unset: {@code
 *        publicCidrs} when CIDRs are listed, else {@code private}
 * @param deployPrincipalArn the IAM role or user that runs {@code pulumi up} (e.g. the CI deploy role), granted
 *        cluster-admin through an access entry like the admins; unset when an admin principal deploys
 * @param extendedSupport keep the cluster on its Kubernetes version after standard support ends (EKS extended
 *        support, $0.60 instead of $0.10 per cluster-hour); false: EKS upgrades the control plane itself when
 *        standard support ends
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
        List<String> adminPrincipalArns,
        Optional<EndpointAccess> endpointAccess,
        Optional<String> deployPrincipalArn,
        boolean extendedSupport) {

    /** Defaults: Kubernetes 1.33 on 2–4 on-demand t3.large nodes, private endpoint only, no extra admins. */
    public static final ClusterConfig DEFAULTS = new ClusterConfig("1.33", List.of("t3.large"),
            CapacityType.ON_DEMAND, 2, 2, 4, 50, List.of(), List.of(), Optional.empty(), Optional.empty(),
            false);

    public ClusterConfig {
        nodeInstanceTypes = List.copyOf(Objects.requireNonNull(nodeInstanceTypes, "nodeInstanceTypes"));
        endpointPublicAccessCidrs = List.copyOf(
                Objects.requireNonNull(endpointPublicAccessCidrs, "endpointPublicAccessCidrs"));
        adminPrincipalArns = List.copyOf(Objects.requireNonNull(adminPrincipalArns, "adminPrincipalArns"));
        Objects.requireNonNull(endpointAccess, "endpointAccess");
        Objects.requireNonNull(deployPrincipalArn, "deployPrincipalArn");
    }

    /** The endpoint access mode, the stated one or the one the CIDRs imply. */
    public EndpointAccess endpointMode() {
        return endpointAccess.orElse(endpointPublicAccessCidrs.isEmpty() ? EndpointAccess.PRIVATE : EndpointAccess.PUBLIC_CIDRS);
    }

    /** Whether the public API endpoint is enabled. */
    public boolean publicEndpoint() {
        return endpointMode() != EndpointAccess.PRIVATE;
    }

    /** The CIDRs EKS admits to the public endpoint: the listed ones, everything (IAM only), or none. */
    public List<String> effectivePublicAccessCidrs() {
        return switch (endpointMode()) {
            case PRIVATE -> List.of();
            case PUBLIC_CIDRS -> endpointPublicAccessCidrs;
            case PUBLIC_IAM_ONLY -> List.of("0.0.0.0/0");
        };
    }

    /** Every principal granted cluster-admin: the admins and the deploy identity, without repeats. */
    public List<String> clusterAdminArns() {
        return java.util.stream.Stream.concat(adminPrincipalArns.stream(), deployPrincipalArn.stream()).distinct().toList();
    }

    /** CPU architecture of the node instance types: {@code arm64} for Graviton families, else {@code x86_64}. */
    public String cpuArchitecture() {
        return InstanceTypes.isGraviton(nodeInstanceTypes.getFirst()) ? "arm64" : "x86_64";
    }
}
