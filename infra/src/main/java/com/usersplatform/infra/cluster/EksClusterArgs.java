package com.usersplatform.infra.cluster;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import com.usersplatform.infra.args.ComponentArgs;
import io.soabase.recordbuilder.core.RecordBuilder;

import java.util.List;
import java.util.Map;

/**
 * Inputs of {@link EksCluster}; build them with {@link #builder()}, which applies the defaults below and names the
 * first required field left unset ({@link ComponentArgs}).
 *
 * @param clusterName               {@code String}, required: EKS cluster name (also the kubeconfig context)
 * @param region                    {@code String}, required: the cluster's region (for the kubeconfig's token command)
 * @param kubernetesVersion         {@code String}, required: pinned {@code major.minor}; upgrades are explicit
 * @param privateSubnetIds          {@code Output<List<String>>}, required: control-plane ENIs and nodes go here
 * @param endpointPublicAccessCidrs {@code List<String>}, default empty: CIDRs admitted to the public API
 *                                  endpoint; empty disables the public endpoint (the private one is always on)
 * @param adminPrincipalArns        {@code List<String>}, default empty: IAM principals given cluster-admin through
 *                                  access entries; must include the identity that runs {@code pulumi up} (the
 *                                  cluster is created without creator admin rights)
 * @param kmsKeyArn                 {@code Output<String>}, required: envelope encryption of Kubernetes secrets
 * @param nodeInstanceTypes         {@code List<String>}, required, at least one: node group instance types
 * @param capacityType              {@code String}, default {@link #DEFAULT_CAPACITY_TYPE}: {@code ON_DEMAND}
 *                                  or {@code SPOT}
 * @param cpuArchitecture           {@code String}, required: {@code x86_64} or {@code arm64}: selects the AL2023 AMI
 *                                  type
 * @param minNodes                  {@code Integer}, required: node group minimum
 * @param desiredNodes              {@code Integer}, required: node group size at creation (autoscalers own it afterwards)
 * @param maxNodes                  {@code Integer}, required: node group maximum
 * @param nodeDiskSizeGib           {@code Integer}, required: encrypted gp3 root volume per node
 * @param logRetentionDays          {@code Integer}, required: retention of the control-plane log group (encrypted with the
 *                                  key)
 * @param privateEgress             {@code List<Resource>}, default empty: what gives the private subnets their route
 *                                  out (NAT): nodes need it to join the cluster and pull images, so the node group
 *                                  waits for it
 * @param supportType               {@code String}, required: {@code STANDARD} or {@code EXTENDED}, the cluster's
 *                                  upgrade policy (no default: EKS's own is the paid {@code EXTENDED})
 * @param logTypes                  {@code List<String>}, required, at least one: control-plane log types sent to
 *                                  CloudWatch Logs (no default: empty would switch the audit log off)
 * @param tags                      {@code Map<String, String>}, default empty: the stack's tags, put on the nodes'
 *                                  instances, volumes and network interfaces through the launch template
 * @see <a href="https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateNodegroup.html">CreateNodegroup
 *      (capacityType defaults to ON_DEMAND)</a>
 * @see <a href="https://docs.aws.amazon.com/eks/latest/APIReference/API_UpgradePolicyRequest.html">UpgradePolicyRequest
 *      (supportType defaults to EXTENDED)</a>
 */
@ComponentArgs
public record EksClusterArgs(
        String clusterName,
        String region,
        String kubernetesVersion,
        Output<List<String>> privateSubnetIds,
        List<String> endpointPublicAccessCidrs,
        List<String> adminPrincipalArns,
        Output<String> kmsKeyArn,
        List<String> nodeInstanceTypes,
        @RecordBuilder.Initializer("DEFAULT_CAPACITY_TYPE") String capacityType,
        String cpuArchitecture,
        Integer minNodes,
        Integer desiredNodes,
        Integer maxNodes,
        Integer nodeDiskSizeGib,
        Integer logRetentionDays,
        List<Resource> privateEgress,
        String supportType,
        List<String> logTypes,
        Map<String, String> tags) {

    public EksClusterArgs {
        requireNonEmpty(nodeInstanceTypes, "nodeInstanceTypes");
        requireNonEmpty(logTypes, "logTypes");
        privateEgress = List.copyOf(privateEgress);
        endpointPublicAccessCidrs = List.copyOf(endpointPublicAccessCidrs);
        adminPrincipalArns = List.copyOf(adminPrincipalArns);
        nodeInstanceTypes = List.copyOf(nodeInstanceTypes);
        logTypes = List.copyOf(logTypes);
        tags = Map.copyOf(tags);
    }

    /** {@code ON_DEMAND}, as EKS's own default. */
    public static final String DEFAULT_CAPACITY_TYPE = "ON_DEMAND";

    private static void requireNonEmpty(List<?> values, String field) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException(field + " is required (at least one)");
        }
    }

    public static EksClusterArgsBuilder builder() {
        return EksClusterArgsBuilder.builder();
    }
}
