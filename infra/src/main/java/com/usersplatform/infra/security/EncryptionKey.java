package com.usersplatform.infra.security;

import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import com.usersplatform.infra.json.StableJson;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;

/**
 * The stack's customer-managed KMS key: envelope encryption of EKS secrets, ElastiCache at rest, and the Secrets
 * Manager secrets. Automatic yearly rotation is on.
 *
 * @see <a href="https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html">Default key policy</a>
 */
public final class EncryptionKey extends ComponentResource {

    /** Key ARN, for {@code kmsKeyId} inputs and IAM policies. */
    public final Output<String> arn;
    /** Key id. */
    public final Output<String> keyId;

    // ---------------------------------------------------------------- Key

    public EncryptionKey(String name, EncryptionKeyArgs args, ComponentResourceOptions options) {
        super("users-platform:security:EncryptionKey", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var key = new Key(name, KeyArgs.builder()
                .description(args.description())
                .enableKeyRotation(true)
                .deletionWindowInDays(args.deletionWindowDays())
                .policy(Output.tuple(args.accountRootPrincipal(), args.logGroupArns())
                        .applyValue(t -> keyPolicy(t.t1, args.region(), t.t2)))
                .build(), child);

        new Alias(name + "-alias", AliasArgs.builder()
                // Alias names are unique per account and region: https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html
                .name("alias/" + args.alias())
                .targetKeyId(key.keyId())
                .build(), child);

        this.arn = key.arn();
        this.keyId = key.keyId();

        // ---------------------------------------------------------------- Outputs
        registerOutputs(Map.of("arn", arn, "keyId", keyId));
    }

    /**
     * The key policy: the account itself, which then grants use of the key through scoped IAM policies, and
     * CloudWatch Logs of the stack's region for the account's log groups only (a service principal cannot be granted
     * through IAM; statement as in
     * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html). In a key policy
     * {@code Resource: *} means "this key".
     */
    private static String keyPolicy(String accountRoot, String region, String logGroupArns) {
        Map<String, Object> statement = Map.of(
                "Sid", "DelegateToAccountIam",
                "Effect", "Allow",
                "Principal", Map.of("AWS", accountRoot),
                "Action", "kms:*",
                "Resource", "*");
        Map<String, Object> logs = Map.of(
                "Sid", "CloudWatchLogsOfThisAccount",
                "Effect", "Allow",
                "Principal", Map.of("Service", "logs." + region + ".amazonaws.com"),
                "Action", List.of("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                        "kms:Describe*"),
                "Resource", "*",
                "Condition", Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn", logGroupArns)));
        return StableJson.of(Map.of("Version", "2012-10-17", "Statement", List.of(statement, logs)));
    }
}
