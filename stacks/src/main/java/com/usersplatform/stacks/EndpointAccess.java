package com.usersplatform.stacks;

/**
 * Who can reach the EKS API server endpoint (the private endpoint inside the VPC is always on). Whatever runs
 * {@code pulumi up} must reach it: the program creates Kubernetes objects through it.
 *
 * @see <a href="https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html">Cluster API server endpoint</a>
 */
public enum EndpointAccess implements ConfigEnum {
    /** Private endpoint only: deploy from inside the VPC (a self-hosted runner, a bastion, a VPN). */
    PRIVATE("private"),
    /** Public endpoint too, admitting only {@code endpointPublicAccessCidrs}. */
    PUBLIC_CIDRS("publicCidrs"),
    /**
     * Public endpoint open to any address, authentication by IAM only (access entries): for deploy machines whose
     * addresses cannot be listed, such as GitHub-hosted runners.
     */
    PUBLIC_IAM_ONLY("publicIamOnly");

    private final String configValue;

    EndpointAccess(String configValue) {
        this.configValue = configValue;
    }

    @Override
    public String configValue() {
        return configValue;
    }
}
