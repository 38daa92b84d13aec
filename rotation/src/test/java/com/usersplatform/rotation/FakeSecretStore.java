package com.usersplatform.rotation;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An in-memory Secrets Manager secret with the staging-label rules rotation depends on: RotateSecret creates an
 * empty AWSPENDING version, PutSecretValue is idempotent per token, UpdateSecretVersionStage needs
 * RemoveFromVersionId to take a label from another version, and moving AWSCURRENT makes the old version
 * AWSPREVIOUS, and that move sets {@code LastRotatedDate} (DescribeSecret: "the most recent date and time that the
 * Secrets Manager rotation process was successfully completed"). Only tests use it: no AWS runs here.
 */
final class FakeSecretStore implements SecretStore {

    static final String SECRET_ID = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:users-platform/redis-app-Ab12Cd";

    private static final class Version {
        String value;
        final Set<String> stages = new HashSet<>();
    }

    private final Map<String, Version> versions = new LinkedHashMap<>();
    private final Faults faults;
    private final Clock clock;
    private boolean rotationEnabled = true;
    private Instant lastRotated;

    /** A secret whose only version, {@code initialVersion}, is AWSCURRENT with {@code value}. */
    FakeSecretStore(String initialVersion, String value, Faults faults, Clock clock) {
        this.faults = faults;
        this.clock = clock;
        Version seed = new Version();
        seed.value = value;
        seed.stages.add(CURRENT);
        versions.put(initialVersion, seed);
    }

    synchronized void disableRotation() {
        rotationEnabled = false;
    }

    /** What RotateSecret does before invoking the function: a new empty version staged AWSPENDING; its token. */
    synchronized String startRotation() {
        String pendingOn = holder(PENDING);
        if (pendingOn != null && !versions.get(pendingOn).stages.contains(CURRENT)) {
            throw new IllegalStateException("a previous rotation is still in progress");
        }
        String token = UUID.randomUUID().toString();
        detach(PENDING);
        Version version = new Version();
        version.stages.add(PENDING);
        versions.put(token, version);
        return token;
    }

    @Override
    public synchronized SecretVersions describe(String secretId) {
        checkId(secretId);
        Map<String, Set<String>> labelled = new LinkedHashMap<>();
        versions.forEach((id, v) -> {
            if (!v.stages.isEmpty()) {
                labelled.put(id, Set.copyOf(v.stages));
            }
        });
        return new SecretVersions(rotationEnabled, labelled, lastRotated);
    }

    @Override
    public synchronized Optional<String> value(String secretId, String stage, String versionId) {
        checkId(secretId);
        String id = versionId != null ? versionId : holder(stage);
        Version version = id == null ? null : versions.get(id);
        if (version == null || !version.stages.contains(stage)) {
            return Optional.empty();
        }
        return Optional.ofNullable(version.value);
    }

    @Override
    public synchronized void putPending(String secretId, String versionId, String value) {
        checkId(secretId);
        faults.before(Faults.Operation.PUT_PENDING);
        Version version = versions.computeIfAbsent(versionId, id -> new Version());
        if (version.value != null && !version.value.equals(value)) {
            throw new IllegalStateException("ResourceExistsException: version " + versionId + " has another value");
        }
        version.value = value;
        detach(PENDING);
        version.stages.add(PENDING);
        faults.after(Faults.Operation.PUT_PENDING);
    }

    @Override
    public synchronized void updateStage(String secretId, String stage, String moveTo, String removeFrom) {
        checkId(secretId);
        faults.before(Faults.Operation.UPDATE_STAGE);
        String holder = holder(stage);
        if (removeFrom != null && !removeFrom.equals(holder)) {
            throw new IllegalArgumentException("InvalidParameterException: " + stage + " is not on " + removeFrom);
        }
        if (moveTo != null && !versions.containsKey(moveTo)) {
            throw new IllegalArgumentException("ResourceNotFoundException: no version " + moveTo);
        }
        if (moveTo != null && holder != null && !holder.equals(moveTo) && removeFrom == null) {
            throw new IllegalArgumentException("InvalidParameterException: " + stage
                    + " is attached to another version; RemoveFromVersionId is required");
        }
        if (removeFrom != null) {
            versions.get(removeFrom).stages.remove(stage);
        }
        if (moveTo != null) {
            versions.get(moveTo).stages.add(stage);
            if (stage.equals(CURRENT) && removeFrom != null && !removeFrom.equals(moveTo)) {
                detach(PREVIOUS);
                versions.get(removeFrom).stages.add(PREVIOUS);
                lastRotated = clock.instant();
            }
        }
        faults.after(Faults.Operation.UPDATE_STAGE);
    }

    /** The value staged {@code stage}, for assertions. */
    String valueOf(String stage) {
        return value(SECRET_ID, stage, null).orElseThrow();
    }

    private String holder(String stage) {
        return versions.entrySet().stream().filter(e -> e.getValue().stages.contains(stage))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private void detach(String stage) {
        versions.values().forEach(v -> v.stages.remove(stage));
    }

    private static void checkId(String secretId) {
        if (!SECRET_ID.equals(secretId)) {
            throw new IllegalArgumentException("ResourceNotFoundException: no secret " + secretId);
        }
    }
}
