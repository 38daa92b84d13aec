package com.usersplatform.infra.cluster;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Inputs of {@link EksCluster}; build them with {@link #builder()}, which applies the defaults below and names the
 * first required field left unset.
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
 * @param capacityType              {@code String}, default {@code ON_DEMAND} (as EKS's own default): {@code ON_DEMAND}
 *                                  or {@code SPOT}
 * @param cpuArchitecture           {@code String}, required: {@code x86_64} or {@code arm64}: selects the AL2023 AMI
 *                                  type
 * @param minNodes                  {@code int}, required: node group minimum
 * @param desiredNodes              {@code int}, required: node group size at creation (autoscalers own it afterwards)
 * @param maxNodes                  {@code int}, required: node group maximum
 * @param nodeDiskSizeGib           {@code int}, required: encrypted gp3 root volume per node
 * @param logRetentionDays          {@code int}, required: retention of the control-plane log group (encrypted with the
 *                                  key)
 * @param privateEgress             {@code List<Resource>}, default empty: what gives the private subnets their route
 *                                  out (NAT): nodes need it to join the cluster and pull images, so the node group
 *                                  waits for it
 * @param supportType               {@code String}, required: {@code STANDARD} or {@code EXTENDED}, the cluster's
 *                                  upgrade policy (no default: EKS's own is the paid {@code EXTENDED})
 * @param logTypes                  {@code List<String>}, required: control-plane log types sent to CloudWatch Logs (no
 *                                  default: empty would switch the audit log off)
 * @param tags                      {@code Map<String, String>}, default empty: the stack's tags, put on the nodes'
 *                                  instances, volumes and network interfaces through the launch template
 * @see <a href="https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateNodegroup.html">CreateNodegroup
 *      (capacityType defaults to ON_DEMAND)</a>
 * @see <a href="https://docs.aws.amazon.com/eks/latest/APIReference/API_UpgradePolicyRequest.html">UpgradePolicyRequest
 *      (supportType defaults to EXTENDED)</a>
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

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the fields one by one; {@link #build()} fails naming the first required field left unset. */
    public static final class Builder {
        private String clusterName;
        private String region;
        private String kubernetesVersion;
        private Output<List<String>> privateSubnetIds;
        private List<String> endpointPublicAccessCidrs = List.of();
        private List<String> adminPrincipalArns = List.of();
        private Output<String> kmsKeyArn;
        private List<String> nodeInstanceTypes;
        private String capacityType = "ON_DEMAND";
        private String cpuArchitecture;
        private Integer minNodes;
        private Integer desiredNodes;
        private Integer maxNodes;
        private Integer nodeDiskSizeGib;
        private Integer logRetentionDays;
        private List<Resource> privateEgress = List.of();
        private String supportType;
        private List<String> logTypes;
        private Map<String, String> tags = Map.of();

        private Builder() {
        }

        public Builder clusterName(String value) {
            clusterName = value;
            return this;
        }

        public Builder region(String value) {
            region = value;
            return this;
        }

        public Builder kubernetesVersion(String value) {
            kubernetesVersion = value;
            return this;
        }

        public Builder privateSubnetIds(Output<List<String>> value) {
            privateSubnetIds = value;
            return this;
        }

        public Builder endpointPublicAccessCidrs(List<String> value) {
            endpointPublicAccessCidrs = value;
            return this;
        }

        public Builder adminPrincipalArns(List<String> value) {
            adminPrincipalArns = value;
            return this;
        }

        public Builder kmsKeyArn(Output<String> value) {
            kmsKeyArn = value;
            return this;
        }

        public Builder nodeInstanceTypes(List<String> value) {
            nodeInstanceTypes = value;
            return this;
        }

        public Builder capacityType(String value) {
            capacityType = value;
            return this;
        }

        public Builder cpuArchitecture(String value) {
            cpuArchitecture = value;
            return this;
        }

        /** Minimum, size at creation and maximum of the node group. */
        public Builder nodes(int min, int desired, int max) {
            minNodes = min;
            desiredNodes = desired;
            maxNodes = max;
            return this;
        }

        public Builder nodeDiskSizeGib(int value) {
            nodeDiskSizeGib = value;
            return this;
        }

        public Builder logRetentionDays(int value) {
            logRetentionDays = value;
            return this;
        }

        public Builder privateEgress(List<Resource> value) {
            privateEgress = value;
            return this;
        }

        public Builder supportType(String value) {
            supportType = value;
            return this;
        }

        public Builder logTypes(List<String> value) {
            logTypes = value;
            return this;
        }

        public Builder tags(Map<String, String> value) {
            tags = value;
            return this;
        }

        /** @throws NullPointerException naming the first required field left unset (or a default set to null) */
        public EksClusterArgs build() {
            return new EksClusterArgs(required(clusterName, "clusterName"), required(region, "region"),
                    required(kubernetesVersion, "kubernetesVersion"), required(privateSubnetIds, "privateSubnetIds"),
                    required(endpointPublicAccessCidrs, "endpointPublicAccessCidrs"),
                    required(adminPrincipalArns, "adminPrincipalArns"), required(kmsKeyArn, "kmsKeyArn"),
                    required(nodeInstanceTypes, "nodeInstanceTypes"), required(capacityType, "capacityType"),
                    required(cpuArchitecture, "cpuArchitecture"), required(minNodes, "nodes (min)"),
                    required(desiredNodes, "nodes (desired)"), required(maxNodes, "nodes (max)"),
                    required(nodeDiskSizeGib, "nodeDiskSizeGib"), required(logRetentionDays, "logRetentionDays"),
                    required(privateEgress, "privateEgress"), required(supportType, "supportType"),
                    required(logTypes, "logTypes"), required(tags, "tags"));
        }

        private static <T> T required(T value, String field) {
            return Objects.requireNonNull(value, () -> "EksClusterArgs." + field + " is required");
        }
    }
}
