package com.usersplatform.rotation;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What DescribeSecret tells rotation: the rotation switch, the staging labels of every labelled version, and since
 * when the AWSCURRENT version has been current.
 *
 * @param rotationEnabled  whether the secret has rotation turned on
 * @param stagesByVersion  version id to its staging labels (versions without labels are absent)
 * @param currentSince     when the last rotation completed (DescribeSecret {@code LastRotatedDate}: "the most recent
 *                         date and time that the Secrets Manager rotation process was successfully completed",
 *                         https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DescribeSecret.html);
 *                         null when the secret never rotated
 */
public record SecretVersions(boolean rotationEnabled, Map<String, Set<String>> stagesByVersion, Instant currentSince) {

    public SecretVersions {
        stagesByVersion = Map.copyOf(stagesByVersion);
    }

    /** The labels of {@code versionId}; empty when the secret has no such (labelled) version. */
    public Set<String> stagesOf(String versionId) {
        return stagesByVersion.getOrDefault(versionId, Set.of());
    }

    /** The version that carries {@code stage}, if any. */
    public Optional<String> versionWith(String stage) {
        return stagesByVersion.entrySet().stream()
                .filter(e -> e.getValue().contains(stage))
                .map(Map.Entry::getKey)
                .findFirst();
    }
}
