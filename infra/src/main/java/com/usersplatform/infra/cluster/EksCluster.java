package com.usersplatform.infra.cluster;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ec2.LaunchTemplateArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingEbsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMetadataOptionsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateTagSpecificationArgs;
import com.pulumi.aws.eks.AccessEntry;
import com.pulumi.aws.eks.AccessEntryArgs;
import com.pulumi.aws.eks.AccessPolicyAssociation;
import com.pulumi.aws.eks.AccessPolicyAssociationArgs;
import com.pulumi.aws.eks.Addon;
import com.pulumi.aws.eks.AddonArgs;
import com.pulumi.aws.eks.Cluster;
import com.pulumi.aws.eks.ClusterArgs;
import com.pulumi.aws.eks.NodeGroup;
import com.pulumi.aws.eks.NodeGroupArgs;
import com.pulumi.aws.eks.inputs.AccessPolicyAssociationAccessScopeArgs;
import com.pulumi.aws.eks.inputs.AddonPodIdentityAssociationArgs;
import com.pulumi.aws.eks.inputs.ClusterAccessConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigProviderArgs;
import com.pulumi.aws.eks.inputs.ClusterUpgradePolicyArgs;
import com.pulumi.aws.eks.inputs.ClusterVpcConfigArgs;
import com.pulumi.aws.eks.inputs.NodeGroupLaunchTemplateArgs;
import com.pulumi.aws.eks.inputs.NodeGroupScalingConfigArgs;
import com.pulumi.aws.eks.inputs.NodeGroupUpdateConfigArgs;
import com.pulumi.aws.eks.outputs.ClusterIdentity;
import com.pulumi.aws.eks.outputs.ClusterIdentityOidc;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import com.usersplatform.infra.security.IamRole;
import com.usersplatform.infra.security.PolicyDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The EKS cluster: pinned version, authentication through access entries only (no aws-auth ConfigMap), secrets
 * envelope-encrypted with the stack's KMS key, control-plane audit logs, private endpoint plus a public endpoint
 * limited to configured CIDRs, a managed node group in the private subnets whose launch template requires IMDSv2
 * with hop limit 1 (pods cannot reach the node's credentials) and tags its instances, volumes and network interfaces,
 * managed add-ons (vpc-cni with NetworkPolicy enforcement and the EBS CSI driver, each as its own Pod Identity), and
 * a Kubernetes provider for everything that runs on it.
 *
 * @see <a href="https://docs.aws.amazon.com/eks/latest/best-practices/security.html">EKS security best practices</a>
 * @see <a href="https://github.com/terraform-aws-modules/terraform-aws-eks">terraform-aws-eks</a>
 */
public final class EksCluster extends ComponentResource {

    private static final String ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

    /** Cluster name. */
    public final Output<String> clusterName;
    /** API server endpoint. */
    public final Output<String> endpoint;
    /** OIDC issuer URL (for IRSA, should a workload need it instead of Pod Identity). */
    public final Output<String> oidcIssuer;
    /** The EKS-managed cluster security group; nodes carry it, so it identifies "traffic from the cluster". */
    public final Output<String> clusterSecurityGroupId;
    /** Kubeconfig (JSON, secret) that authenticates with {@code aws eks get-token}. */
    public final Output<String> kubeconfig;
    /** Kubernetes provider for every object on this cluster. */
    public final Provider kubernetesProvider;
    /** The node group, for resources that need running nodes first. */
    public final Resource nodeGroup;
    /** The EBS CSI driver add-on: PersistentVolumeClaims on EBS StorageClasses wait for it. */
    public final Resource storageDriver;

    public EksCluster(String name, EksClusterArgs args, ComponentResourceOptions options) {
        super("users-platform:cluster:EksCluster", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        // ---------------------------------------------------------------- Control plane

        var logGroup = new LogGroup(name + "-control-plane", LogGroupArgs.builder()
                .name("/aws/eks/" + args.clusterName() + "/cluster")
                .retentionInDays(args.logRetentionDays())
                // The key policy admits CloudWatch Logs (security.EncryptionKey).
                .kmsKeyId(args.kmsKeyArn())
                .build(), child);
        var clusterRole = new IamRole(name + "-cluster", List.of("eks.amazonaws.com"), List.of("sts:TagSession"),
                List.of("arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"),
                new PolicyDocument().allow("EnvelopeEncryption",
                        List.of("kms:Encrypt", "kms:Decrypt", "kms:DescribeKey", "kms:CreateGrant"),
                        List.of(args.kmsKeyArn())),
                child);
        var cluster = new Cluster(name, ClusterArgs.builder()
                .name(args.clusterName())
                .version(args.kubernetesVersion())
                // STANDARD: at the end of standard support EKS upgrades the control plane instead of billing
                // extended support: https://docs.aws.amazon.com/eks/latest/userguide/view-upgrade-policy.html
                .upgradePolicy(ClusterUpgradePolicyArgs.builder().supportType(args.supportType()).build())
                .roleArn(clusterRole.arn)
                .vpcConfig(ClusterVpcConfigArgs.builder()
                        .subnetIds(args.privateSubnetIds())
                        .endpointPrivateAccess(true)
                        .endpointPublicAccess(!args.endpointPublicAccessCidrs().isEmpty())
                        .publicAccessCidrs(args.endpointPublicAccessCidrs())
                        .build())
                .accessConfig(ClusterAccessConfigArgs.builder()
                        .authenticationMode("API")
                        .bootstrapClusterCreatorAdminPermissions(false)
                        .build())
                .encryptionConfig(ClusterEncryptionConfigArgs.builder()
                        .resources("secrets")
                        .provider(ClusterEncryptionConfigProviderArgs.builder().keyArn(args.kmsKeyArn()).build())
                        .build())
                .enabledClusterLogTypes(args.logTypes())
                // The add-ons below are EKS-managed instead of the unmanaged defaults.
                .bootstrapSelfManagedAddons(false)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(with(clusterRole.resources, logGroup)).build());

        // ---------------------------------------------------------------- Access entries

        List<Resource> adminAccess = new ArrayList<>();
        for (int i = 0; i < args.adminPrincipalArns().size(); i++) {
            String principal = args.adminPrincipalArns().get(i);
            var entry = new AccessEntry(name + "-admin-" + i, AccessEntryArgs.builder()
                    .clusterName(cluster.name())
                    .principalArn(principal)
                    .type("STANDARD")
                    .build(), child);
            adminAccess.add(new AccessPolicyAssociation(name + "-admin-" + i, AccessPolicyAssociationArgs.builder()
                    .clusterName(cluster.name())
                    .principalArn(principal)
                    .policyArn(ADMIN_POLICY)
                    .accessScope(AccessPolicyAssociationAccessScopeArgs.builder().type("cluster").build())
                    .build(), CustomResourceOptions.builder().parent(this).dependsOn(entry).build()));
        }

        // ---------------------------------------------------------------- Add-ons needed before nodes

        var kubeProxy = addon(name, cluster, "kube-proxy", null, List.of());
        var podIdentityAgent = addon(name, cluster, "eks-pod-identity-agent", null, List.of());
        var vpcCni = vpcCni(name, cluster, podIdentityAgent, child);

        // ---------------------------------------------------------------- Node group

        // No AmazonEKS_CNI_Policy: the vpc-cni add-on has its own role (vpcCni), so pods on the node cannot use the
        // node's credentials to change its network interfaces. On an existing cluster Pulumi deletes the old
        // attachment only after the add-on's update with its association (deletes run last).
        var nodeRole = new IamRole(name + "-node", List.of("ec2.amazonaws.com"), List.of(), List.of(
                "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
                "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"), null, child);
        var launchTemplate = new LaunchTemplate(name + "-nodes", LaunchTemplateArgs.builder()
                .description("EKS nodes of " + args.clusterName() + ": IMDSv2 only, hop limit 1, encrypted root volume")
                .metadataOptions(LaunchTemplateMetadataOptionsArgs.builder()
                        .httpEndpoint("enabled")
                        .httpTokens("required")
                        // Hop limit 1: containers (one hop further) cannot fetch the node role's credentials.
                        .httpPutResponseHopLimit(1)
                        .instanceMetadataTags("disabled")
                        .build())
                .blockDeviceMappings(LaunchTemplateBlockDeviceMappingArgs.builder()
                        .deviceName("/dev/xvda")
                        .ebs(LaunchTemplateBlockDeviceMappingEbsArgs.builder()
                                .volumeSize(args.nodeDiskSizeGib())
                                .volumeType("gp3")
                                .encrypted("true")
                                .deleteOnTermination("true")
                                .build())
                        .build())
                // The node group's own tags stay on the node group; only these reach the instances, their volumes and
                // network interfaces (the provider's default tags do not apply to tag specifications):
                // https://docs.aws.amazon.com/eks/latest/userguide/launch-templates.html
                .tagSpecifications(List.of("instance", "volume", "network-interface").stream()
                        .map(type -> LaunchTemplateTagSpecificationArgs.builder().resourceType(type)
                                .tags(args.tags()).build()).toList())
                .updateDefaultVersion(true)
                .build(), child);
        var nodes = new NodeGroup(name + "-nodes", NodeGroupArgs.builder()
                .clusterName(cluster.name())
                .nodeRoleArn(nodeRole.arn)
                .subnetIds(args.privateSubnetIds())
                .instanceTypes(args.nodeInstanceTypes())
                .capacityType(args.capacityType())
                .amiType("arm64".equals(args.cpuArchitecture()) ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD")
                .launchTemplate(NodeGroupLaunchTemplateArgs.builder()
                        .id(launchTemplate.id())
                        .version(launchTemplate.latestVersion().applyValue(String::valueOf))
                        .build())
                .scalingConfig(NodeGroupScalingConfigArgs.builder()
                        .minSize(args.minNodes()).desiredSize(args.desiredNodes()).maxSize(args.maxNodes())
                        .build())
                .updateConfig(NodeGroupUpdateConfigArgs.builder().maxUnavailable(1).build())
                .build(), CustomResourceOptions.builder().parent(this)
                .dependsOn(with(with(nodeRole.resources, vpcCni, kubeProxy, podIdentityAgent), args.privateEgress()))
                // Not reverted when resized by hand; Karpenter adds nodes of its own and never resizes this group.
                .ignoreChanges(List.of("scalingConfig.desiredSize"))
                .build());

        // ---------------------------------------------------------------- Add-ons that need nodes

        var coreDns = addon(name, cluster, "coredns", null, List.of(nodes));
        this.storageDriver = ebsCsiDriver(name, cluster, args.kmsKeyArn(), nodes, child);

        // ---------------------------------------------------------------- Kubernetes provider

        this.clusterName = cluster.name();
        this.endpoint = cluster.endpoint();
        this.oidcIssuer = cluster.identities().applyValue(ids -> ids.stream()
                .map(ClusterIdentity::oidcs).flatMap(List::stream)
                .map(ClusterIdentityOidc::issuer).flatMap(java.util.Optional::stream)
                .findFirst().orElse(""));
        this.clusterSecurityGroupId = cluster.vpcConfig()
                .applyValue(vpc -> vpc.clusterSecurityGroupId().orElse(""));
        this.kubeconfig = Output.tuple(cluster.name(), cluster.endpoint(),
                        cluster.certificateAuthority().applyValue(ca -> ca.data().orElse("")))
                .applyValue(t -> Kubeconfig.of(t.t1, t.t2, t.t3, args.region()))
                .asSecret();
        // Every Kubernetes object and Helm release goes through this provider, so it waits for what they all need:
        // the admin access entries (to authenticate), schedulable nodes and in-cluster DNS. Without nodes and CoreDNS,
        // releases (Helm's wait, 300 s default) and Deployments would time out on a fresh cluster; a managed node group
        // alone takes several minutes to become ACTIVE.
        // https://docs.aws.amazon.com/eks/latest/userguide/create-managed-node-group.html
        this.kubernetesProvider = new Provider(name, ProviderArgs.builder()
                .kubeconfig(kubeconfig)
                .enableServerSideApply(true)
                .build(), CustomResourceOptions.builder().parent(this)
                .dependsOn(with(adminAccess, nodes, coreDns)).build());
        this.nodeGroup = nodes;

        // ---------------------------------------------------------------- Outputs
        registerOutputs(Map.of("clusterName", clusterName, "endpoint", endpoint, "oidcIssuer", oidcIssuer,
                "clusterSecurityGroupId", clusterSecurityGroupId, "kubeconfig", kubeconfig));
    }

    private static List<Resource> with(List<Resource> first, Resource... more) {
        return with(first, List.of(more));
    }

    private static List<Resource> with(List<Resource> first, List<Resource> more) {
        List<Resource> all = new ArrayList<>(first);
        all.addAll(more);
        return all;
    }

    /**
     * The EBS CSI driver with its own Pod Identity role: the AWS-managed AmazonEBSCSIDriverPolicy plus use of the
     * stack's key for encrypted volumes (the key policy delegates to the account, so an identity policy suffices).
     * https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html (role, and the KMS statement "if you use a
     * custom KMS key"); its controller's service account is {@code kube-system/ebs-csi-controller-sa}.
     */
    private Addon ebsCsiDriver(String name, Cluster cluster, Output<String> kmsKeyArn, Resource nodes,
                               CustomResourceOptions child) {
        var role = new IamRole(name + "-ebs-csi", List.of("pods.eks.amazonaws.com"), List.of("sts:TagSession"),
                List.of("arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"),
                new PolicyDocument()
                        .allow("GrantsForEbs", List.of("kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"),
                                List.of(kmsKeyArn), Map.of("Bool", Map.of("kms:GrantIsForAWSResource", "true")))
                        .allow("EncryptVolumes", List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*",
                                "kms:GenerateDataKey*", "kms:DescribeKey"), List.of(kmsKeyArn)),
                child);
        return addon(name, cluster, "aws-ebs-csi-driver", null, "ebs-csi-controller-sa", role, nodes);
    }

    /**
     * The VPC CNI with its own Pod Identity role (AmazonEKS_CNI_Policy) for its {@code kube-system/aws-node} service
     * account, after the Pod Identity agent that hands out the credentials:
     * https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html (separate role recommended; Pod Identity
     * supported), https://docs.aws.amazon.com/eks/latest/userguide/update-addon-role.html
     */
    private Addon vpcCni(String name, Cluster cluster, Addon podIdentityAgent, CustomResourceOptions child) {
        var role = new IamRole(name + "-vpc-cni", List.of("pods.eks.amazonaws.com"), List.of("sts:TagSession"),
                List.of("arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"), null, child);
        return addon(name, cluster, "vpc-cni", "{\"enableNetworkPolicy\":\"true\"}", "aws-node", role,
                podIdentityAgent);
    }

    /** An add-on whose {@code serviceAccount} acts as {@code role} (Pod Identity), after the role and {@code after}. */
    private Addon addon(String name, Cluster cluster, String addonName, String configurationValues,
                        String serviceAccount, IamRole role, Resource after) {
        return addon(name, cluster, addonName, configurationValues, with(role.resources, after),
                AddonPodIdentityAssociationArgs.builder().serviceAccount(serviceAccount).roleArn(role.arn).build());
    }

    private Addon addon(String name, Cluster cluster, String addonName, String configurationValues,
                        List<Resource> dependsOn, AddonPodIdentityAssociationArgs... identities) {
        var builder = AddonArgs.builder()
                .clusterName(cluster.name())
                .addonName(addonName)
                .resolveConflictsOnCreate("OVERWRITE")
                .resolveConflictsOnUpdate("PRESERVE");
        if (configurationValues != null) {
            builder.configurationValues(configurationValues);
        }
        if (identities.length > 0) {
            builder.podIdentityAssociations(identities);
        }
        return new Addon(name + "-" + addonName, builder.build(),
                CustomResourceOptions.builder().parent(this).dependsOn(dependsOn).build());
    }
}
