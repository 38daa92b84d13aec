package com.usersplatform.infra.secrets;

import com.pulumi.aws.secretsmanager.Secret;
import com.pulumi.aws.secretsmanager.SecretArgs;
import com.pulumi.aws.secretsmanager.SecretVersion;
import com.pulumi.aws.secretsmanager.SecretVersionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.usersplatform.infra.StableJson;

import java.util.List;
import java.util.Map;

/**
 * The secrets the services read, encrypted with the stack's KMS key: the Redis app user's credentials
 * {@code {username, password, user_arn}} (seeded from a generated password; rotated afterwards by Secrets Manager,
 * so Pulumi ignores changes to the stored value), and the gateway's API-key hashes (the value is put by an operator,
 * never by the program, so no key ever passes through Pulumi state).
 */
public final class RedisCredentials extends ComponentResource {

    /** Length of the generated password (ElastiCache accepts 16 to 128 characters). */
    static final int PASSWORD_LENGTH = 64;

    /** The initial password of the app user (secret). */
    public final Output<String> initialPassword;
    /** ARN of the Redis credentials secret. */
    public final Output<String> secretArn;
    /** Name of the Redis credentials secret. */
    public final Output<String> secretName;
    /** ARN of the gateway's API-key hashes secret. */
    public final Output<String> apiKeysSecretArn;
    /** Name of the gateway's API-key hashes secret. */
    public final Output<String> apiKeysSecretName;
    /** The seeded secret version, for resources that must wait until the secret holds a value. */
    public final SecretVersion seededVersion;

    public RedisCredentials(String name, RedisCredentialsArgs args, ComponentResourceOptions options) {
        super("users-platform:secrets:RedisCredentials", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        // ---------------------------------------------------------------- Redis app-user secret

        var password = new RandomPassword(name + "-password", new RandomPassword.Args(PASSWORD_LENGTH, false), child);
        var secret = new Secret(name, SecretArgs.builder()
                .name(args.secretNamePrefix() + "/redis/users-app")
                .description("ElastiCache RBAC credentials of the users service; rotated by Secrets Manager")
                .kmsKeyId(args.kmsKeyArn())
                .recoveryWindowInDays(args.recoveryWindowDays())
                .build(), child);
        this.seededVersion = new SecretVersion(name, SecretVersionArgs.builder()
                .secretId(secret.id())
                .secretString(Output.tuple(password.result(), args.userArn()).applyValue(t -> StableJson.of(Map.of(
                        "username", args.userName(), "password", t.t1, "user_arn", t.t2))).asSecret())
                .build(), CustomResourceOptions.builder().parent(this)
                // Rotation writes new versions and moves AWSCURRENT: `pulumi up` must never undo that.
                .ignoreChanges(List.of("secretString", "versionStages"))
                .build());

        // ---------------------------------------------------------------- Gateway API-key hashes

        var apiKeys = new Secret(name + "-api-keys", SecretArgs.builder()
                .name(args.secretNamePrefix() + "/gateway/api-key-hashes")
                .description("SHA-256 hashes of the gateway's API keys, one per line; value put by an operator")
                .kmsKeyId(args.kmsKeyArn())
                .recoveryWindowInDays(args.recoveryWindowDays())
                .build(), child);

        this.initialPassword = password.result();
        this.secretArn = secret.arn();
        this.secretName = secret.name();
        this.apiKeysSecretArn = apiKeys.arn();
        this.apiKeysSecretName = apiKeys.name();

        // ---------------------------------------------------------------- Outputs
        registerOutputs(Map.of("secretArn", secretArn, "apiKeysSecretArn", apiKeysSecretArn));
    }
}
