package com.usersplatform.infra.cluster;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;

/**
 * Inputs of {@link EksCluster}.
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
 * @param nodeInstanceTypes         {@code List<String>}, required: node group instance types
 * @param capacityType              {@code String}, {@code ON_DEMAND} or {@code SPOT}
 * @param cpuArchitecture           {@code String}, {@code x86_64} or {@code arm64}: selects the AL2023 AMI type
 * @param minNodes                  {@code int}: node group minimum
 * @param desiredNodes              {@code int}: node group size at creation (autoscalers own it afterwards)
 * @param maxNodes                  {@code int}: node group maximum
 * @param nodeDiskSizeGib           {@code int}: encrypted gp3 root volume per node
 * @param logRetentionDays          {@code int}: retention of the control-plane log group (encrypted with the key)
 * @param privateEgress             what gives the private subnets their route out (NAT): nodes need it to join the
 *                                  cluster and pull images, so the node group waits for it
 * @param supportType               {@code String}, {@code STANDARD} or {@code EXTENDED}: the cluster's upgrade policy
 * @param logTypes                  {@code List<String>}: control-plane log types sent to CloudWatch Logs
 * @param tags                      {@code Map<String, String>}: the stack's tags, put on the nodes' instances,
 *                                  volumes and network interfaces through the launch template
 */
public record EksClusterArgs(
        String clusterName,
        String region,
        String kubernetesVersion,
        Output<List<String>> privateSubnetIds,
        List<String> endpointPublicAccessCidrs,
        List<String> adminPrincipalArns,
        Output<String> kmsKeyArn,
        List<String> nodeInstanceTypes,
        String capacityType,
        String cpuArchitecture,
        int minNodes,
        int desiredNodes,
        int maxNodes,
        int nodeDiskSizeGib,
        int logRetentionDays,
        List<Resource> privateEgress,
        String supportType,
        List<String> logTypes,
        Map<String, String> tags) {

    public EksClusterArgs {
        privateEgress = List.copyOf(privateEgress);
        endpointPublicAccessCidrs = List.copyOf(endpointPublicAccessCidrs);
        adminPrincipalArns = List.copyOf(adminPrincipalArns);
        nodeInstanceTypes = List.copyOf(nodeInstanceTypes);
        logTypes = List.copyOf(logTypes);
        tags = Map.copyOf(tags);
    }
}
