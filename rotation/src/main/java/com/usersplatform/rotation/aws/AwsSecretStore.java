package com.usersplatform.rotation.aws;

import com.usersplatform.rotation.SecretStore;
import com.usersplatform.rotation.SecretVersions;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** {@link SecretStore} on AWS Secrets Manager (SDK v2). */
public final class AwsSecretStore implements SecretStore {

    private final SecretsManagerClient client;

    public AwsSecretStore(SecretsManagerClient client) {
        this.client = client;
    }

    @Override
    public SecretVersions describe(String secretId) {
        DescribeSecretResponse secret = client.describeSecret(b -> b.secretId(secretId));
        Map<String, Set<String>> stages = secret.versionIdsToStages().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
        // LastRotatedDate is null while the secret never rotated; LastChangedDate then is the conservative stand-in
        // (it moves with every PutSecretValue, so the minimum-age guard can only wait longer, never less).
        Instant currentSince = secret.lastRotatedDate() != null ? secret.lastRotatedDate() : secret.lastChangedDate();
        return new SecretVersions(Boolean.TRUE.equals(secret.rotationEnabled()), stages, currentSince);
    }

    @Override
    public Optional<String> value(String secretId, String stage, String versionId) {
        try {
            return Optional.ofNullable(client.getSecretValue(
                    b -> b.secretId(secretId).versionStage(stage).versionId(versionId)).secretString());
        } catch (ResourceNotFoundException e) {
            // No version with that stage (and id), or the version RotateSecret created has no value yet.
            return Optional.empty();
        }
    }

    @Override
    public void putPending(String secretId, String versionId, String value) {
        client.putSecretValue(b -> b.secretId(secretId).clientRequestToken(versionId).secretString(value)
                .versionStages(PENDING));
    }

    @Override
    public void updateStage(String secretId, String stage, String moveToVersionId, String removeFromVersionId) {
        client.updateSecretVersionStage(b -> b.secretId(secretId).versionStage(stage)
                .moveToVersionId(moveToVersionId).removeFromVersionId(removeFromVersionId));
    }
}
