package com.usersplatform.infra.secretdelivery;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import com.usersplatform.infra.args.ComponentArgs;
import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * Inputs of {@link SecretDelivery}; build them with {@link #builder()} ({@link ComponentArgs}).
 *
 * @param namespace              {@code Output<String>}, required: the services' namespace (SecretStore and
 *                               ExternalSecrets live there)
 * @param region                 {@code String}, required: AWS region of the secrets
 * @param redisSecretArn         {@code Output<String>}, required: the Redis app-user secret ({@code {username,password,user_arn}})
 * @param apiKeysSecretArn       {@code Output<String>}, required: the secret with the gateway's API-key hashes
 * @param operatorNamespace      {@code String}, required: namespace of the operator's service account
 * @param operatorServiceAccount {@code String}, required: the service account whose EKS Pod Identity may read only
 *                               those two secrets (role and association come from the AWS side)
 * @param operatorIdentity       {@code Resource}, required: the pod identity association; the operator starts after
 *                               it, so its pods get credentials from the first start
 * @param operatorReplicas       {@code Integer}, required: controller replicas (2 in production for availability)
 * @param refreshInterval        {@code String}, default {@link #DEFAULT_REFRESH_INTERVAL}: how often ExternalSecrets
 *                               re-read AWS, which bounds how long a rotated password takes to reach the pods
 */
@ComponentArgs
public record SecretDeliveryArgs(
        Output<String> namespace,
        String region,
        Output<String> redisSecretArn,
        Output<String> apiKeysSecretArn,
        String operatorNamespace,
        String operatorServiceAccount,
        Resource operatorIdentity,
        Integer operatorReplicas,
        @RecordBuilder.Initializer("DEFAULT_REFRESH_INTERVAL") String refreshInterval) {

    /** One minute: far inside the rotation window in which old and new passwords both work. */
    public static final String DEFAULT_REFRESH_INTERVAL = "1m";

    public static SecretDeliveryArgsBuilder builder() {
        return SecretDeliveryArgsBuilder.builder();
    }
}
