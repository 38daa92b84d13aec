package com.usersplatform.infra.secrets;

import com.pulumi.core.Output;

import java.util.Optional;

/**
 * Inputs of {@link RedisCredentials}.
 *
 * @param secretNamePrefix   {@code String}, required: path prefix of the secret names, e.g. {@code users-platform/dev}
 * @param kmsKeyArn          {@code Output<String>}, required: key that encrypts both secrets
 * @param userName           {@code String}, required: the ElastiCache RBAC user name of the users service
 * @param userArn            {@code Output<String>}, required: that user's ARN (stored in the secret for the rotation
 *                           function, and known before the user exists: ARNs are derived from the user id)
 * @param recoveryWindowDays {@code int}, 0 or 7 to 30: days a deleted secret can be restored
 * @param apiKeyHash         {@code Optional<String>}: the gateway's first accepted key hash (lowercase hex SHA-256);
 *                           empty generates a first key and seeds its hash
 */
public record RedisCredentialsArgs(String secretNamePrefix, Output<String> kmsKeyArn, String userName,
                                   Output<String> userArn, int recoveryWindowDays, Optional<String> apiKeyHash) {
}
