package com.usersplatform.rotation;

import static com.usersplatform.rotation.RotationStep.CREATE_SECRET;
import static com.usersplatform.rotation.RotationStep.FINISH_SECRET;
import static com.usersplatform.rotation.RotationStep.SET_SECRET;
import static com.usersplatform.rotation.RotationStep.TEST_SECRET;
import static com.usersplatform.rotation.SecretStore.PENDING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonParser;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Secret and user states a step refuses, with the message an operator reads, and nothing changed; the log line each
 * step leaves; and the pace of testSecret's login retries.
 */
class SecretRotationGuardsTest extends RotationTestBase {

    @Test
    void createSecretRefusesAPendingValueThatIsNotCredentials() {
        String token = f.secrets.startRotation();
        String broken = "{\"username\":\"" + RotationFixture.USER_NAME + "\"}";
        f.secrets.putPending(FakeSecretStore.SECRET_ID, token, broken);
        RotationException e = assertThrows(RotationException.class, () -> f.step(token, CREATE_SECRET));
        assertEquals("secret field password must be a non-empty string", e.getMessage());
        assertEquals(broken, f.secrets.value(FakeSecretStore.SECRET_ID, PENDING, token).orElseThrow(),
                "an earlier attempt's value is never overwritten");
    }

    @Test
    void setSecretBeforeCreateSecretNamesTheMissingValue() {
        String token = f.secrets.startRotation();
        RotationException e = assertThrows(RotationException.class, () -> f.step(token, SET_SECRET));
        assertEquals("secret has no AWSPENDING value for this version", e.getMessage());
        assertEquals(0, f.users.modifications());
    }

    @Test
    void setSecretRefusesAPendingVersionForAnotherUserName() {
        refusedAsAnotherUser(Map.of("username", "someone-else", "password", "Other-password-0123456789",
                "user_arn", RotationFixture.USER_ARN));
    }

    @Test
    void setSecretRefusesAPendingVersionForAnotherUserArn() {
        refusedAsAnotherUser(Map.of("username", RotationFixture.USER_NAME, "password", "Other-password-0123456789",
                "user_arn", RotationFixture.USER_ARN + "-other"));
    }

    @Test
    void setSecretGivesUpAtOnceOnAUserBeingDeleted() {
        try (RotationFixture patient = new RotationFixture(redisServer(), RotationFixture.MODIFY_DELAY,
                Duration.ofMinutes(2))) {
            String token = patient.secrets.startRotation();
            patient.step(token, CREATE_SECRET);
            patient.users.delete();
            long start = System.nanoTime();
            RotationException e = assertThrows(RotationException.class, () -> patient.step(token, SET_SECRET));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e.getMessage().startsWith("user " + RotationFixture.USER_ID + " is 'deleting', not active"),
                    e.getMessage());
            assertTrue(tookMs < 30_000, "waited " + tookMs + " ms for a user that will never be active");
            assertEquals(0, patient.users.modifications());
            assertTrue(patient.logsIn(RotationFixture.SEED_PASSWORD));
        }
    }

    @Test
    void eachStepLogsWhatItDid() {
        String token = f.secrets.startRotation();
        f.step(token, CREATE_SECRET);
        f.step(token, CREATE_SECRET);
        f.step(token, SET_SECRET);
        f.step(token, SET_SECRET);
        f.step(token, TEST_SECRET);
        f.step(token, FINISH_SECRET);
        List<String> messages = f.logs().lines()
                .map(line -> JsonParser.parseString(line).getAsJsonObject())
                .map(json -> json.get("step").getAsString() + ": " + json.get("message").getAsString())
                .filter(line -> !line.endsWith(": user is active"))
                .toList();
        assertEquals(List.of(
                "createSecret: step started", "createSecret: pending value stored", "createSecret: step finished",
                "createSecret: step started", "createSecret: pending value already stored; keeping it",
                "createSecret: step finished",
                "setSecret: step started", "setSecret: user passwords set to [current, pending]",
                "setSecret: step finished",
                "setSecret: step started",
                "setSecret: current and pending passwords already log in; user left as it is",
                "setSecret: step finished",
                "testSecret: step started", "testSecret: pending password logs in",
                "testSecret: current password still logs in", "testSecret: step finished",
                "finishSecret: step started", "finishSecret: version promoted to AWSCURRENT",
                "finishSecret: AWSPENDING label removed", "finishSecret: step finished"), messages);
    }

    @Test
    void testSecretRetriesTheLoginAtItsIntervalUntilItsTimeout() {
        String token = f.secrets.startRotation();
        f.step(token, CREATE_SECRET);
        AtomicInteger attempts = new AtomicInteger();
        CredentialCheck refusing = (user, password) -> {
            attempts.incrementAndGet();
            throw new RotationException("WRONGPASS invalid username-password pair or user is disabled.");
        };
        // Logins retried for 300 ms, 20 ms apart (RotationFixture.settings).
        SecretRotation rotation = new SecretRotation(f.secrets, f.users, refusing, new PasswordGenerator(32, ""),
                f.settings(RotationFixture.USER_ID, Duration.ofSeconds(5)),
                new JsonLog(new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC()));
        long start = System.nanoTime();
        assertThrows(RotationException.class,
                () -> rotation.run(new RotationEvent(FakeSecretStore.SECRET_ID, token, TEST_SECRET)));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs >= 300, "gave up after " + tookMs + " ms");
        assertTrue(attempts.get() >= 2 && attempts.get() <= 300 / 20 + 1, "login attempts: " + attempts.get());
    }

    private void refusedAsAnotherUser(Map<String, String> pending) {
        String token = f.secrets.startRotation();
        f.secrets.putPending(FakeSecretStore.SECRET_ID, token, new Gson().toJson(pending));
        RotationException e = assertThrows(RotationException.class, () -> f.step(token, SET_SECRET));
        assertEquals("pending and current versions name different users", e.getMessage());
        assertEquals(0, f.users.modifications());
        assertEquals(1, f.redisPasswordCount(), "the user was not touched");
    }
}
