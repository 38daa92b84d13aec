package com.usersplatform.infra.security;

import com.pulumi.core.Output;

/**
 * Inputs of {@link EncryptionKey}.
 *
 * @param description         {@code String}, required: what the key encrypts, shown in the KMS console
 * @param accountRootPrincipal {@code Output<String>}, required: {@code arn:aws:iam::<account>:root}; the key policy
 *                            delegates all use of the key to IAM policies of this account (and nothing else)
 * @param deletionWindowDays  {@code int}, 7 to 30: days a scheduled deletion can still be cancelled
 * @param alias               {@code String}, required: alias name without {@code alias/}; unique per account and
 *                            region, so it carries the stack (dev and prod may share an account)
 * @param region              {@code String}, required: the stack's region (CloudWatch Logs there may use the key)
 * @param logGroupArns        {@code Output<String>}, required: ARN pattern of the log groups the key may encrypt,
 *                            {@code arn:aws:logs:<region>:<account>:log-group:*}
 */
public record EncryptionKeyArgs(String description, Output<String> accountRootPrincipal, int deletionWindowDays,
                                String alias, String region, Output<String> logGroupArns) {
}
