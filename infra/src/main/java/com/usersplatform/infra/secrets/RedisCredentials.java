package com.usersplatform.infra.secrets;

import com.pulumi.aws.secretsmanager.Secret;
import com.pulumi.aws.secretsmanager.SecretArgs;
import com.pulumi.aws.secretsmanager.SecretVersion;
import com.pulumi.aws.secretsmanager.SecretVersionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.usersplatform.infra.json.StableJson;
import com.usersplatform.infra.security.RandomPassword;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The secrets the services read, encrypted with the stack's KMS key, each with a first version when {@code up}
 * finishes (External Secrets cannot sync a secret without one, and the pods would wait forever for their volume):
 * the Redis app user's credentials {@code {username, password, user_arn}} (seeded from a generated password;
 * rotated afterwards by Secrets Manager) and the gateway's API-key hashes (seeded with the stack's
 * {@code secrets.apiKeyHash}, or the hash of a generated first key, {@link #firstApiKey}; operators own the value
 * afterwards). Pulumi ignores later changes to both values.
 */
public final class RedisCredentials extends ComponentResource {

    /** Length of the generated password (ElastiCache accepts 16 to 128 characters). */
    static final int PASSWORD_LENGTH = 64;
    /** Length of the generated first API key (letters and digits: about 238 bits). */
    static final int API_KEY_LENGTH = 40;

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
    /** The generated first API key (secret), or empty when the stack names the first key's hash. */
    public final Optional<Output<String>> firstApiKey;

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

        Output<String> firstHash;
        if (args.apiKeyHash().isPresent()) {
            this.firstApiKey = Optional.empty();
            firstHash = Output.of(args.apiKeyHash().get());
        } else {
            var key = new RandomPassword(name + "-first-api-key", new RandomPassword.Args(API_KEY_LENGTH, false), child);
            this.firstApiKey = Optional.of(key.result());
            firstHash = key.result().applyValue(RedisCredentials::sha256Hex);
        }
        var apiKeysVersion = new SecretVersion(name + "-api-keys", SecretVersionArgs.builder()
                .secretId(apiKeys.id())
                .secretString(firstHash.applyValue(hash -> "# first key, seeded by the first pulumi up\n" + hash + "\n")
                        .asSecret())
                .build(), CustomResourceOptions.builder().parent(this)
                // Operators add and remove keys in the secret: `pulumi up` must never put the first one back.
                .ignoreChanges(List.of("secretString", "versionStages"))
                .build());

        this.initialPassword = password.result();
        // The ARNs resolve only once the first version exists, so whatever reads a secret through its ARN (the
        // ExternalSecrets, the rotation schedule) waits for a value to read.
        this.secretArn = afterVersion(secret.arn(), seededVersion);
        this.secretName = secret.name();
        this.apiKeysSecretArn = afterVersion(apiKeys.arn(), apiKeysVersion);
        this.apiKeysSecretName = apiKeys.name();

        // ---------------------------------------------------------------- Outputs
        registerOutputs(Map.of("secretArn", secretArn, "apiKeysSecretArn", apiKeysSecretArn));
    }

    private static Output<String> afterVersion(Output<String> arn, SecretVersion version) {
        return Output.tuple(arn, version.id()).applyValue(t -> t.t1);
    }

    /** Lowercase hex SHA-256 of the key's UTF-8 bytes: the line format of the gateway's key file. */
    static String sha256Hex(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
