package com.usersplatform.infra.security;

import com.pulumi.aws.eks.PodIdentityAssociation;
import com.pulumi.aws.eks.PodIdentityAssociationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.List;

/**
 * An IAM role that the pods of one Kubernetes service account receive through EKS Pod Identity, and the association
 * that grants it. The trust policy names {@code pods.eks.amazonaws.com} with {@code sts:AssumeRole} and
 * {@code sts:TagSession}, as Pod Identity requires
 * (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html). Not a component: its resources become
 * children of the caller's component.
 */
public final class PodIdentityRole {

    /** The role (ARN, name, resources). */
    public final IamRole role;
    /** The association; pods that must find their credentials at start wait for it. */
    public final PodIdentityAssociation association;

    /**
     * @param name           logical name of the role and the association
     * @param clusterName    the cluster the service account lives in
     * @param namespace      namespace of the service account
     * @param serviceAccount the service account whose pods receive the role
     * @param policy         the role's permissions
     * @param parent         the caller's component
     * @param roleOptions    options of the role's resources (at least {@code parent}); the association has the same
     *                       parent and waits for the role with all its permissions
     */
    public PodIdentityRole(String name, Output<String> clusterName, String namespace, String serviceAccount,
                           PolicyDocument policy, Resource parent, CustomResourceOptions roleOptions) {
        this.role = new IamRole(name, List.of("pods.eks.amazonaws.com"), List.of("sts:TagSession"), List.of(),
                policy, roleOptions);
        this.association = new PodIdentityAssociation(name, PodIdentityAssociationArgs.builder()
                .clusterName(clusterName)
                .namespace(namespace)
                .serviceAccount(serviceAccount)
                .roleArn(role.arn)
                .build(), CustomResourceOptions.builder().parent(parent).dependsOn(role.resources).build());
    }
}
