package com.usersplatform.infra.secretdelivery;

import com.usersplatform.contract.GatewayContract;
import com.usersplatform.contract.UsersContract;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import com.usersplatform.infra.kubernetes.CustomObject;
import com.usersplatform.infra.kubernetes.HelmChart;
import com.usersplatform.infra.workloads.WorkloadArgs.SecretFile;

import java.util.List;
import java.util.Map;

/**
 * Delivers AWS Secrets Manager secrets to the pods as files: the External Secrets Operator (Helm, pinned) running
 * under an EKS Pod Identity that may read only the Redis secret and the API-key secret (role and association from
 * the AWS side, {@code cluster.PodIdentity}), a namespaced SecretStore for AWS
 * Secrets Manager, and one ExternalSecret per secret with a short refresh interval. The resulting Kubernetes Secrets
 * are mounted as volumes by the workloads ({@link #redisCredentials}, {@link #apiKeys}), never exposed as env values.
 * See https://external-secrets.io/latest/provider/aws-secrets-manager/
 */
public final class SecretDelivery extends ComponentResource {
    public static final HelmChart CHART =
            new HelmChart("external-secrets", "0.19.2", "https://charts.external-secrets.io");
    public static final String STORE_NAME = "aws-secrets-manager";
    static final String API_VERSION = "external-secrets.io/v1";

    /** The Redis credentials file for the users pods ({@code REDIS_CREDENTIALS_FILE}). */
    public static final SecretFile REDIS_CREDENTIALS = new SecretFile(
            "redis-credentials", "credentials.json", "/var/run/secrets/redis",
            UsersContract.REDIS_CREDENTIALS_FILE.env());
    /** The API-key hashes file for the gateway pods ({@code API_KEYS_FILE}). */
    public static final SecretFile API_KEYS = new SecretFile(
            "gateway-api-keys", "api-keys.txt", "/var/run/secrets/api-keys", GatewayContract.API_KEYS_FILE.env());

    /** What the users workload mounts. */
    public final SecretFile redisCredentials = REDIS_CREDENTIALS;
    /** What the gateway workload mounts. */
    public final SecretFile apiKeys = API_KEYS;
    /** The ExternalSecret that writes {@link #redisCredentials}: the users Deployment waits for it. */
    public final Resource redisCredentialsSync;
    /** The ExternalSecret that writes {@link #apiKeys}: the gateway Deployment waits for it. */
    public final Resource apiKeysSync;

    public SecretDelivery(String name, SecretDeliveryArgs args, ComponentResourceOptions options) {
        super("users-platform:kubernetes:SecretDelivery", name, options);
        Release release = CHART.install(name + "-operator", args.operatorNamespace(), true, Output.of(Map.of(
                        "installCRDs", true,
                        "replicaCount", args.operatorReplicas(),
                        "serviceAccount", Map.of("create", true, "name", args.operatorServiceAccount()),
                        "podDisruptionBudget", Map.of("enabled", args.operatorReplicas() > 1, "maxUnavailable", 1))),
                CustomResourceOptions.builder().parent(this).dependsOn(args.operatorIdentity()).build());

        var afterOperator = CustomResourceOptions.builder().parent(this).dependsOn(release).build();
        var store = new CustomObject(name + "-store", new CustomObject.Args(API_VERSION, "SecretStore",
                meta(STORE_NAME, args.namespace()),
                Output.of(Map.of("provider", Map.of("aws", Map.of("service", "SecretsManager", "region", args.region()))))),
                afterOperator);

        var afterStore = CustomResourceOptions.builder().parent(this).dependsOn(store).build();
        this.redisCredentialsSync = externalSecret(name + "-redis", REDIS_CREDENTIALS, args.redisSecretArn(), args, afterStore);
        this.apiKeysSync = externalSecret(name + "-api-keys", API_KEYS, args.apiKeysSecretArn(), args, afterStore);

        registerOutputs(Map.of());
    }

    /** Syncs a whole Secrets Manager secret string into one key of a Kubernetes Secret. */
    private static Resource externalSecret(String resourceName, SecretFile file, Output<String> remoteKey,
                                       SecretDeliveryArgs args, CustomResourceOptions options) {
        Output<Map<String, Object>> spec = remoteKey.applyValue(key -> Map.of(
                "refreshInterval", args.refreshInterval(),
                "secretStoreRef", Map.of("name", STORE_NAME, "kind", "SecretStore"),
                "target", Map.of("name", file.secretName(), "creationPolicy", "Owner", "deletionPolicy", "Retain"),
                "data", List.of(Map.of("secretKey", file.key(), "remoteRef", Map.of("key", key)))));
        return new CustomObject(resourceName, new CustomObject.Args(API_VERSION, "ExternalSecret",
                meta(file.secretName(), args.namespace()), spec), options);
    }

    private static ObjectMetaArgs meta(String objectName, Output<String> namespace) {
        return ObjectMetaArgs.builder().name(objectName).namespace(namespace)
                .labels(Map.of("app.kubernetes.io/part-of", "users-platform")).build();
    }
}
