package com.usersplatform.rotation;

import static com.usersplatform.rotation.SecretStore.CURRENT;
import static com.usersplatform.rotation.SecretStore.PENDING;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The four rotation steps for an ElastiCache RBAC user with two-password overlap.
 *
 * <p>setSecret gives the user [current, pending]; finishSecret only promotes pending to AWSCURRENT, so the
 * password clients used until now (then AWSPREVIOUS) keeps working for a whole rotation period. It is dropped by
 * the next rotation's setSecret, which sets [current, next pending]. Every step reads state first (staging labels,
 * stored values, user status) so a retried invocation after a failure anywhere converges.
 */
public final class SecretRotation {

    /**
     * @param userId         ElastiCache user id to rotate; null to take it from the secret's {@code user_arn}
     * @param activeTimeout  how long to wait for the user to become {@code active} around ModifyUser
     * @param pollInterval   how often to ask for the user's status while waiting
     */
    public record Settings(String userId, Duration activeTimeout, Duration pollInterval) {
    }

    private final SecretStore secrets;
    private final CacheUsers users;
    private final CredentialCheck login;
    private final PasswordGenerator passwords;
    private final Settings settings;
    private final JsonLog log;

    public SecretRotation(SecretStore secrets, CacheUsers users, CredentialCheck login, PasswordGenerator passwords,
                          Settings settings, JsonLog log) {
        this.secrets = secrets;
        this.users = users;
        this.login = login;
        this.passwords = passwords;
        this.settings = settings;
        this.log = log;
    }

    /** Runs one step of the event, after checking that the event fits the secret's state. */
    public void run(RotationEvent event) {
        JsonLog stepLog = log.with(event.logFields());
        SecretVersions versions = secrets.describe(event.secretId());
        Set<String> stages = validate(event, versions);
        if (stages.contains(CURRENT) && event.step() != RotationStep.FINISH_SECRET) {
            stepLog.info("version is already AWSCURRENT; nothing to do");
            return;
        }
        stepLog.info("step started");
        switch (event.step()) {
            case CREATE_SECRET -> createSecret(event, stepLog);
            case SET_SECRET -> setSecret(event, stepLog);
            case TEST_SECRET -> testSecret(event, stepLog);
            case FINISH_SECRET -> finishSecret(event, versions, stepLog);
        }
        stepLog.info("step finished");
    }

    private static Set<String> validate(RotationEvent event, SecretVersions versions) {
        if (!versions.rotationEnabled()) {
            throw new RotationException("rotation is not enabled for the secret");
        }
        Set<String> stages = versions.stagesOf(event.token());
        if (stages.isEmpty()) {
            throw new RotationException("ClientRequestToken is not a version of the secret");
        }
        if (!stages.contains(PENDING) && !stages.contains(CURRENT)) {
            throw new RotationException("version is neither AWSPENDING nor AWSCURRENT");
        }
        return stages;
    }

    /** Stores a new password as the AWSPENDING value of this version, unless an earlier attempt already did. */
    private void createSecret(RotationEvent event, JsonLog stepLog) {
        RedisCredentials current = required(event.secretId(), CURRENT, null);
        Optional<String> stored = secrets.value(event.secretId(), PENDING, event.token());
        if (stored.isPresent()) {
            RedisCredentials.parse(stored.get());
            stepLog.info("pending value already stored; keeping it");
            return;
        }
        secrets.putPending(event.secretId(), event.token(), current.withPassword(passwords.generate()).toJson());
        stepLog.info("pending value stored");
    }

    /** Makes the user accept both the current and the pending password (and nothing older). */
    private void setSecret(RotationEvent event, JsonLog stepLog) {
        RedisCredentials current = required(event.secretId(), CURRENT, null);
        RedisCredentials pending = required(event.secretId(), PENDING, event.token());
        if (!pending.username().equals(current.username()) || !pending.userArn().equals(current.userArn())) {
            throw new RotationException("pending and current versions name different users");
        }
        String userId = userId(pending);
        JsonLog userLog = stepLog.with(Map.of("user_id", userId));
        // ModifyUser is refused while the user is still modifying, e.g. after an earlier attempt of this step.
        awaitActive(userId, userLog);
        users.setPasswords(userId, List.copyOf(new LinkedHashSet<>(List.of(current.password(), pending.password()))));
        userLog.info("user passwords set to [current, pending]");
        awaitActive(userId, userLog);
    }

    /** Logs in to Redis with the pending password, and with the current one that clients still use. */
    private void testSecret(RotationEvent event, JsonLog stepLog) {
        RedisCredentials pending = required(event.secretId(), PENDING, event.token());
        RedisCredentials current = required(event.secretId(), CURRENT, null);
        login.verify(pending.username(), pending.password());
        stepLog.info("pending password logs in");
        login.verify(current.username(), current.password());
        stepLog.info("current password still logs in");
    }

    /** Promotes this version to AWSCURRENT (the old one becomes AWSPREVIOUS) and clears its AWSPENDING label. */
    private void finishSecret(RotationEvent event, SecretVersions versions, JsonLog stepLog) {
        Set<String> stages = versions.stagesOf(event.token());
        if (!stages.contains(CURRENT)) {
            String previous = versions.versionWith(CURRENT).orElse(null);
            secrets.updateStage(event.secretId(), CURRENT, event.token(), previous);
            stepLog.info("version promoted to AWSCURRENT");
        }
        if (stages.contains(PENDING)) {
            secrets.updateStage(event.secretId(), PENDING, null, event.token());
            stepLog.info("AWSPENDING label removed");
        }
    }

    private RedisCredentials required(String secretId, String stage, String versionId) {
        return secrets.value(secretId, stage, versionId).map(RedisCredentials::parse).orElseThrow(
                () -> new RotationException("secret has no " + stage + " value"
                        + (versionId == null ? "" : " for this version")));
    }

    private String userId(RedisCredentials credentials) {
        String fromSecret = credentials.userId();
        if (settings.userId() != null && !settings.userId().equals(fromSecret)) {
            throw new RotationException("secret's user_arn names user '" + fromSecret
                    + "', but the function is configured for USER_ID '" + settings.userId() + "'");
        }
        return fromSecret;
    }

    private void awaitActive(String userId, JsonLog userLog) {
        long deadline = System.nanoTime() + settings.activeTimeout().toNanos();
        String status = users.status(userId);
        while (!CacheUsers.ACTIVE.equals(status)) {
            if (status.equals("deleting") || System.nanoTime() > deadline) {
                throw new RotationException("user " + userId + " is '" + status + "', not active");
            }
            sleep(settings.pollInterval());
            status = users.status(userId);
        }
        userLog.info("user is active");
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RotationException("interrupted while waiting for the user to become active", e);
        }
    }
}
