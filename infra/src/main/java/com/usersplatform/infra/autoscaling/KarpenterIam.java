package com.usersplatform.infra.autoscaling;

import com.pulumi.aws.eks.AccessEntry;
import com.pulumi.aws.eks.AccessEntryArgs;
import com.pulumi.aws.eks.PodIdentityAssociation;
import com.pulumi.aws.eks.PodIdentityAssociationArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import com.usersplatform.infra.aws.AwsAccount;
import com.usersplatform.infra.security.IamRole;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Karpenter's two identities, as its getting-started CloudFormation template at the pinned version defines them:
 * the role of the nodes it launches (joined to the cluster by an {@code EC2_LINUX} access entry) and the controller's
 * role through EKS Pod Identity with the template's six least-privilege policies, inline (copied verbatim into
 * {@code karpenter-controller-policies.json}; every EC2 write is scoped by the cluster's tags).
 * https://github.com/aws/karpenter-provider-aws/blob/v1.14.1/website/content/en/docs/getting-started/getting-started-with-karpenter/cloudformation.yaml
 */
final class KarpenterIam {

    static final String POLICIES_RESOURCE = "karpenter-controller-policies.json";
    /**
     * The template's {@code KarpenterNodeRole} policies without {@code AmazonSSMManagedInstanceCore} (nothing here
     * uses Session Manager, and the managed node group's role has no SSM access either) and without
     * {@code AmazonEKS_CNI_Policy}: the VPC CNI add-on runs as its own Pod Identity role on every node, so no node
     * role carries it (as for the managed node group).
     */
    static final List<String> NODE_POLICIES = List.of(
            "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
            "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly");

    /** Name of the node role: the EC2NodeClass's {@code role}, from which Karpenter v1 makes the instance profile. */
    final Output<String> nodeRoleName;
    /** The access entry, the controller's policies and its pod identity association. */
    final List<Resource> resources;

    KarpenterIam(String name, Output<String> clusterName, AwsAccount account, InterruptionQueue queue,
                 String namespace, String serviceAccount, CustomResourceOptions child) {
        var nodeRole = new IamRole(name + "-node", List.of("ec2.amazonaws.com"), List.of(), NODE_POLICIES, null, child);
        List<Resource> all = new ArrayList<>(nodeRole.resources);
        // EC2_LINUX: EKS maps the role to system:nodes for instances launched with it; no aws-auth ConfigMap.
        // https://docs.aws.amazon.com/eks/latest/userguide/creating-access-entries.html
        all.add(new AccessEntry(name + "-node", AccessEntryArgs.builder()
                .clusterName(clusterName)
                .principalArn(nodeRole.arn)
                .type("EC2_LINUX")
                .build(), child));

        var controller = new IamRole(name + "-controller", List.of("pods.eks.amazonaws.com"),
                List.of("sts:TagSession"), List.of(), null, child);
        all.addAll(controller.resources);
        Output<Map<String, String>> documents = Output.tuple(clusterName, account.id(), nodeRole.arn, queue.arn)
                .applyValue(t -> policies(t.t1, account.region(), t.t2, t.t3, t.t4));
        // Inline, one per template policy: together they stay under IAM's 10,240-character aggregate of a role's
        // inline policies (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
        for (String policy : policyNames()) {
            all.add(new RolePolicy(name + "-" + policy, RolePolicyArgs.builder()
                    .name(policy)
                    .role(controller.name)
                    .policy(documents.applyValue(d -> d.get(policy)))
                    .build(), child));
        }
        all.add(new PodIdentityAssociation(name + "-controller", PodIdentityAssociationArgs.builder()
                .clusterName(clusterName)
                .namespace(namespace)
                .serviceAccount(serviceAccount)
                .roleArn(controller.arn)
                .build(), child));
        this.nodeRoleName = nodeRole.name;
        this.resources = List.copyOf(all);
    }

    /** Names of the template's controller policies, in file order. */
    static List<String> policyNames() {
        return List.copyOf(raw().keySet());
    }

    /** The template's controller policies with the cluster's values in place of its parameters. */
    static Map<String, String> policies(String clusterName, String region, String accountId, String nodeRoleArn,
                                        String queueArn) {
        Map<String, String> documents = new TreeMap<>();
        raw().forEach((policy, text) -> documents.put(policy, text
                .replace("${ClusterName}", clusterName)
                .replace("${Region}", region)
                .replace("${AccountId}", accountId)
                .replace("${NodeRoleArn}", nodeRoleArn)
                .replace("${QueueArn}", queueArn)));
        return documents;
    }

    private static Map<String, String> raw() {
        try (InputStream in = KarpenterIam.class.getResourceAsStream(POLICIES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + POLICIES_RESOURCE);
            }
            var mapper = new ObjectMapper();
            Map<String, Object> tree = mapper.readValue(in, new TypeReference<java.util.LinkedHashMap<String, Object>>() {
            });
            Map<String, String> texts = new java.util.LinkedHashMap<>();
            for (var entry : tree.entrySet()) {
                texts.put(entry.getKey(), mapper.writeValueAsString(entry.getValue()));
            }
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
