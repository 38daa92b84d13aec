package com.usersplatform.infra.cluster;

import com.pulumi.core.Output;

import java.util.List;

/**
 * Inputs of {@link PodIdentity}.
 *
 * @param clusterName    {@code Output<String>}, required
 * @param namespace      {@code String}, required: namespace of the service account
 * @param serviceAccount {@code String}, required: the Kubernetes service account whose pods get the role
 * @param region         {@code String}, required: the stack's region (scopes KMS use to Secrets Manager there)
 * @param secretArns     {@code List<Output<String>>}, required: the only secrets the role may read
 * @param kmsKeyArn      {@code Output<String>}, required: the key those secrets are encrypted with
 */
public record PodIdentityArgs(Output<String> clusterName, String namespace, String serviceAccount, String region,
                              List<Output<String>> secretArns, Output<String> kmsKeyArn) {

    public PodIdentityArgs {
        secretArns = List.copyOf(secretArns);
    }
}
