package com.usersplatform.rotation;

import static com.usersplatform.rotation.RotationStep.CREATE_SECRET;
import static com.usersplatform.rotation.RotationStep.SET_SECRET;
import static com.usersplatform.rotation.SecretStore.PENDING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secret and user states a step refuses, with the message an operator reads, and nothing changed. */
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

    private void refusedAsAnotherUser(Map<String, String> pending) {
        String token = f.secrets.startRotation();
        f.secrets.putPending(FakeSecretStore.SECRET_ID, token, new Gson().toJson(pending));
        RotationException e = assertThrows(RotationException.class, () -> f.step(token, SET_SECRET));
        assertEquals("pending and current versions name different users", e.getMessage());
        assertEquals(0, f.users.modifications());
        assertEquals(1, f.redisPasswordCount(), "the user was not touched");
    }
}
