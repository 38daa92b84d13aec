package com.usersplatform.rotation;

import java.util.Optional;

/**
 * The four Secrets Manager operations rotation needs, nothing more. Production: {@code aws.AwsSecretStore}.
 * Version ids are the rotation's {@code ClientRequestToken}s; stages are Secrets Manager's staging labels.
 */
public interface SecretStore {

    /** The version clients read. */
    String CURRENT = "AWSCURRENT";
    /** The version being rotated in. */
    String PENDING = "AWSPENDING";
    /** The version that was current before the last rotation (moved by Secrets Manager itself). */
    String PREVIOUS = "AWSPREVIOUS";

    /** Whether rotation is enabled and which stages each version carries (DescribeSecret). */
    SecretVersions describe(String secretId);

    /**
     * The value of the version carrying {@code stage} (GetSecretValue). With a {@code versionId}, only that version
     * and only if it carries {@code stage}. Empty when there is no such version or it has no value yet.
     */
    Optional<String> value(String secretId, String stage, String versionId);

    /**
     * Stores {@code value} as version {@code versionId} and stages it AWSPENDING (PutSecretValue with the token as
     * ClientRequestToken, so a repeated call with the same value is a no-op).
     */
    void putPending(String secretId, String versionId, String value);

    /**
     * Attaches {@code stage} to {@code moveToVersionId} and detaches it from {@code removeFromVersionId}
     * (UpdateSecretVersionStage); either may be null. Moving AWSCURRENT makes the old version AWSPREVIOUS.
     */
    void updateStage(String secretId, String stage, String moveToVersionId, String removeFromVersionId);
}
