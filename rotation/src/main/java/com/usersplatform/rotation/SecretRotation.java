package com.usersplatform.rotation;

import static com.usersplatform.rotation.SecretStore.CURRENT;
import static com.usersplatform.rotation.SecretStore.PENDING;

import java.time.Clock;
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
 * the next rotation's setSecret, which sets [current, next pending], and only once the current password is older
 * than {@link Settings#minimumPasswordAge()}, so every client has had time to receive it. Every step reads state
 * first (staging labels, stored values, user status, which passwords log in) so a retried invocation after a failure
 * anywhere converges, and ModifyUser runs once per rotation unless it had not taken effect.
 *
 * <p>Compared with AWS's own template (aws-samples/aws-secrets-manager-rotation-lambdas,
 * SecretsManagerElasticacheUserRotation/lambda_function.py): the same event checks (SECRET_ARN, rotation enabled,
 * stages), the same wait for {@code active} (600 s by default) around ModifyUser and in testSecret, and the same
 * finishSecret; in addition setSecret skips ModifyUser when both passwords already log in, testSecret logs in, and
 * the minimum-age guard protects clients that have not yet received the current password.
 */
public final class SecretRotation {

    /**
     * @param secretArn           the one secret this function rotates; events naming another are refused
     * @param userId              ElastiCache user id to rotate; null to take it from the secret's {@code user_arn}
     * @param activeTimeout       how long one step waits in all for the user to become {@code active}
     * @param pollInterval        how often to ask for the user's status while waiting
     * @param loginTimeout        how long testSecret keeps trying to log in before it fails
     * @param loginRetryInterval  pause between testSecret's login attempts
     * @param minimumPasswordAge  how long the current password must have been current before setSecret drops the
     *                            previous one
     * @param clock               the time the minimum age is measured against
     */
    public record Settings(String secretArn, String userId, Duration activeTimeout, Duration pollInterval,
                           Duration loginTimeout, Duration loginRetryInterval, Duration minimumPasswordAge,
                           Clock clock) {
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
        if (!settings.secretArn().equals(event.secretId())) {
            throw new RotationException("secret " + RotationEvent.clip(event.secretId())
                    + " is not the secret this function rotates (SECRET_ARN)");
        }
        SecretVersions versions = secrets.describe(event.secretId());
        Set<String> stages = validate(event, versions);
        if (stages.contains(CURRENT) && event.step() != RotationStep.FINISH_SECRET) {
            stepLog.info("version is already AWSCURRENT; nothing to do");
            return;
        }
        stepLog.info("step started");
        switch (event.step()) {
            case CREATE_SECRET -> createSecret(event, stepLog);
            case SET_SECRET -> setSecret(event, versions, stepLog);
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

    /**
     * Makes the user accept both the current and the pending password (and nothing older): nothing to do when both
     * already log in (an earlier attempt's ModifyUser took effect); otherwise, once the current password is old
     * enough to drop the previous one, ModifyUser and wait for {@code active}.
     */
    private void setSecret(RotationEvent event, SecretVersions versions, JsonLog stepLog) {
        RedisCredentials current = required(event.secretId(), CURRENT, null);
        RedisCredentials pending = required(event.secretId(), PENDING, event.token());
        if (!pending.username().equals(current.username()) || !pending.userArn().equals(current.userArn())) {
            throw new RotationException("pending and current versions name different users");
        }
        String userId = userId(pending);
        JsonLog userLog = stepLog.with(Map.of("user_id", userId));
        long deadline = deadline(settings.activeTimeout());
        // An earlier attempt's ModifyUser may still be applying; ElastiCache refuses another one meanwhile.
        awaitActive(userId, deadline, userLog);
        if (logsIn(current) && logsIn(pending)) {
            userLog.info("current and pending passwords already log in; user left as it is");
            return;
        }
        requireMinimumAge(versions, event.token());
        users.setPasswords(userId, List.copyOf(new LinkedHashSet<>(List.of(current.password(), pending.password()))));
        userLog.info("user passwords set to [current, pending]");
        awaitActive(userId, deadline, userLog);
    }

    /**
     * Refuses (so Secrets Manager retries later) to drop the previous password while the current one has been
     * current for less than the minimum age: pods still on the previous password would be stranded.
     */
    private void requireMinimumAge(SecretVersions versions, String token) {
        boolean dropsAPassword = versions.versionWith(SecretStore.PREVIOUS)
                .filter(previous -> !previous.equals(token) && !versions.stagesOf(previous).contains(CURRENT))
                .isPresent();
        if (!dropsAPassword) {
            return;
        }
        Duration age = versions.currentSince() == null ? Duration.ZERO
                : Duration.between(versions.currentSince(), settings.clock().instant());
        if (age.compareTo(settings.minimumPasswordAge()) < 0) {
            throw new RotationException("the current password is only " + Math.max(0, age.toSeconds())
                    + " s old; the previous one is dropped only once the current one is "
                    + settings.minimumPasswordAge().toSeconds() + " s old (MIN_PASSWORD_AGE_SECONDS), so that every"
                    + " client has received it; Secrets Manager retries the rotation");
        }
    }

    /**
     * Waits until the user is {@code active} (the new passwords are in force on every node), then logs in to Redis
     * with the pending password and with the current one that clients still use, retrying for a while.
     */
    private void testSecret(RotationEvent event, JsonLog stepLog) {
        RedisCredentials pending = required(event.secretId(), PENDING, event.token());
        RedisCredentials current = required(event.secretId(), CURRENT, null);
        String userId = userId(pending);
        awaitActive(userId, deadline(settings.activeTimeout()), stepLog.with(Map.of("user_id", userId)));
        verifyWithRetries(pending);
        stepLog.info("pending password logs in");
        verifyWithRetries(current);
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

    private boolean logsIn(RedisCredentials credentials) {
        try {
            login.verify(credentials.username(), credentials.password());
            return true;
        } catch (RotationException e) {
            return false;
        }
    }

    private void verifyWithRetries(RedisCredentials credentials) {
        long deadline = deadline(settings.loginTimeout());
        while (true) {
            try {
                login.verify(credentials.username(), credentials.password());
                return;
            } catch (RotationException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw e;
                }
            }
            sleep(settings.loginRetryInterval());
        }
    }

    private void awaitActive(String userId, long deadline, JsonLog userLog) {
        String status = users.status(userId);
        while (!CacheUsers.ACTIVE.equals(status)) {
            if (status.equals("deleting") || System.nanoTime() - deadline >= 0) {
                throw new RotationException("user " + userId + " is '" + status + "', not active, after waiting "
                        + settings.activeTimeout().toSeconds() + " s (USER_ACTIVE_TIMEOUT_SECONDS); Secrets Manager"
                        + " retries the step");
            }
            sleep(settings.pollInterval());
            status = users.status(userId);
        }
        userLog.info("user is active");
    }

    private static long deadline(Duration budget) {
        return System.nanoTime() + budget.toNanos();
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RotationException("interrupted while waiting", e);
        }
    }
}
