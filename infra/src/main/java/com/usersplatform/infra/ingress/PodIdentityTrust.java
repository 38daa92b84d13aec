package com.usersplatform.infra.ingress;

/**
 * Trust policy of a role assumed through EKS Pod Identity (the eks-pod-identity-agent add-on).
 * See https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html
 */
final class PodIdentityTrust {
    static final String POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
            "Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}""";

    private PodIdentityTrust() {
    }
}
