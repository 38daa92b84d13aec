package com.usersplatform.rotation;

import static com.usersplatform.rotation.RotationFixture.SEED_PASSWORD;
import static com.usersplatform.rotation.RotationFixture.SEED_VERSION;
import static com.usersplatform.rotation.RotationStep.CREATE_SECRET;
import static com.usersplatform.rotation.RotationStep.FINISH_SECRET;
import static com.usersplatform.rotation.RotationStep.SET_SECRET;
import static com.usersplatform.rotation.RotationStep.TEST_SECRET;
import static com.usersplatform.rotation.SecretStore.PENDING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each of the four steps against a real Redis ACL user, event validation, and when the old password stops. */
class SecretRotationTest extends RotationTestBase {

    @Test
    void createSecretStagesACopyOfTheCurrentSecretWithAFreshPassword() {
        String token = f.secrets.startRotation();
        f.step(token, CREATE_SECRET);

        RedisCredentials pending = RedisCredentials.parse(
                f.secrets.value(FakeSecretStore.SECRET_ID, PENDING, token).orElseThrow());
        assertEquals(RotationFixture.USER_NAME, pending.username());
        assertEquals(RotationFixture.USER_ARN, pending.userArn());
        assertNotEquals(SEED_PASSWORD, pending.password());
        assertEquals(48, pending.password().length());
        assertEquals(SEED_PASSWORD, f.current().password(), "AWSCURRENT is untouched");
        assertFalse(f.logsIn(pending.password()), "Redis does not know the pending password yet");
        assertEquals(1, f.redisPasswordCount());
    }

    @Test
    void createSecretKeepsAPendingValueAnEarlierAttemptStored() {
        String token = f.secrets.startRotation();
        f.step(token, CREATE_SECRET);
        String first = f.secrets.value(FakeSecretStore.SECRET_ID, PENDING, token).orElseThrow();
        f.step(token, CREATE_SECRET);
        assertEquals(first, f.secrets.value(FakeSecretStore.SECRET_ID, PENDING, token).orElseThrow());
    }

    @Test
    void setSecretMakesCurrentAndPendingPasswordsValidTogether() {
        String token = f.secrets.startRotation();
        f.step(token, CREATE_SECRET);
        f.step(token, SET_SECRET);

        String pending = pendingPassword(token);
        assertEquals(CacheUsers.ACTIVE, f.users.status(RotationFixture.USER_ID), "setSecret waits until active");
        assertTrue(f.logsIn(pending));
        assertTrue(f.logsIn(SEED_PASSWORD));
        assertEquals(2, f.redisPasswordCount());
        assertEquals(accessRules, f.accessRules(), "the access string is left alone");
        assertEquals(SEED_PASSWORD, f.current().password());
    }

    @Test
    void testSecretPassesOnceRedisAcceptsThePendingPasswordAndFailsBefore() {
        String token = f.secrets.startRotation();
        f.step(token, CREATE_SECRET);
        RotationException early = assertThrows(RotationException.class, () -> f.step(token, TEST_SECRET));
        assertTrue(early.getMessage().contains("WRONGPASS"), early.getMessage());
        assertFalse(early.getMessage().contains(pendingPassword(token)), "the error never names the password");

        f.step(token, SET_SECRET);
        f.step(token, TEST_SECRET);
    }

    @Test
    void finishSecretPromotesThePendingVersionAndKeepsTheOldPasswordValid() {
        String token = f.secrets.startRotation();
        f.step(token, CREATE_SECRET);
        f.step(token, SET_SECRET);
        f.step(token, TEST_SECRET);
        String pending = pendingPassword(token);
        f.step(token, FINISH_SECRET);

        assertEquals(pending, f.current().password());
        f.assertRotatedFrom(token, SEED_VERSION, SEED_PASSWORD, accessRules);
    }

    @Test
    void theOldPasswordStopsWorkingAtTheNextRotationsSetSecretAndNotBefore() {
        String first = f.rotate();
        String p1 = f.current().password();
        assertTrue(f.logsIn(SEED_PASSWORD), "a whole rotation period to move over");
        f.passMinimumAge();

        String second = f.secrets.startRotation();
        f.step(second, CREATE_SECRET);
        assertTrue(f.logsIn(SEED_PASSWORD));
        f.step(second, SET_SECRET);
        assertFalse(f.logsIn(SEED_PASSWORD), "dropped by the next rotation's setSecret");
        assertTrue(f.logsIn(p1));
        assertTrue(f.logsIn(pendingPassword(second)));
        f.step(second, TEST_SECRET);
        f.step(second, FINISH_SECRET);

        f.assertRotatedFrom(second, first, p1, accessRules);
        assertFalse(f.logsIn(SEED_PASSWORD));
    }

    @Test
    void everyStepCanRunAgainAndARepeatedEventForACurrentVersionChangesNothing() {
        String token = f.secrets.startRotation();
        for (RotationStep step : RotationStep.values()) {
            f.step(token, step);
            f.step(token, step);
        }
        f.assertRotatedFrom(token, SEED_VERSION, SEED_PASSWORD, accessRules);
        String password = f.current().password();

        for (RotationStep step : RotationStep.values()) {
            f.step(token, step);
        }
        assertEquals(password, f.current().password());
        f.assertRotatedFrom(token, SEED_VERSION, SEED_PASSWORD, accessRules);
        assertTrue(f.logs().contains("version is already AWSCURRENT; nothing to do"));
    }

    @Test
    void aMalformedEventFailsWithAnErrorLineAndChangesNothing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.handler.handleRequest(
                Map.of("SecretId", FakeSecretStore.SECRET_ID, "Step", "createSecret"), null));
        assertEquals("rotation event field ClientRequestToken must be a non-empty string", e.getMessage());
        assertTrue(f.logs().contains("\"message\":\"invalid rotation event\""), f.logs());
        assertEquals(Set.of(SEED_VERSION), f.secrets.describe(FakeSecretStore.SECRET_ID).stagesByVersion().keySet());
    }

    @Test
    void refusesASecretWithoutRotationEnabled() {
        String token = f.secrets.startRotation();
        f.secrets.disableRotation();
        RotationException e = assertThrows(RotationException.class, () -> f.step(token, CREATE_SECRET));
        assertEquals("rotation is not enabled for the secret", e.getMessage());
    }

    @Test
    void refusesATokenThatIsNotAVersionOfTheSecret() {
        f.secrets.startRotation();
        RotationException e = assertThrows(RotationException.class, () -> f.step("not-a-version", CREATE_SECRET));
        assertEquals("ClientRequestToken is not a version of the secret", e.getMessage());
    }

    @Test
    void refusesAVersionThatIsNeitherPendingNorCurrent() {
        f.rotate();
        RotationException e = assertThrows(RotationException.class, () -> f.step(SEED_VERSION, SET_SECRET));
        assertEquals("version is neither AWSPENDING nor AWSCURRENT", e.getMessage());
        assertEquals(Set.of(SecretStore.PREVIOUS),
                f.secrets.describe(FakeSecretStore.SECRET_ID).stagesOf(SEED_VERSION));
    }

    @Test
    void setSecretRefusesASecretThatNamesAnotherUserThanConfigured() {
        SecretRotation otherUser = new SecretRotation(f.secrets, f.users, f.login, new PasswordGenerator(32, ""),
                f.settings("some-other-user", Duration.ofSeconds(5)),
                new JsonLog(System.out, Clock.systemUTC()));
        String token = f.secrets.startRotation();
        otherUser.run(new RotationEvent(FakeSecretStore.SECRET_ID, token, CREATE_SECRET));
        RotationException e = assertThrows(RotationException.class,
                () -> otherUser.run(new RotationEvent(FakeSecretStore.SECRET_ID, token, SET_SECRET)));
        assertTrue(e.getMessage().contains("USER_ID 'some-other-user'"), e.getMessage());
        assertEquals(1, f.redisPasswordCount(), "the user was not touched");
    }

    @Test
    void logsOneJsonObjectPerLineAndNeverAPassword() {
        String first = f.rotate();
        String p1 = f.current().password();
        String second = f.secrets.startRotation();
        f.step(second, CREATE_SECRET);
        assertThrows(RotationException.class, () -> f.step(second, TEST_SECRET));
        String p2 = pendingPassword(second);

        List<String> lines = f.logs().lines().toList();
        assertTrue(lines.size() > 10);
        for (String line : lines) {
            var json = JsonParser.parseString(line).getAsJsonObject();
            assertEquals("rotation", json.get("service").getAsString());
            assertTrue(json.has("timestamp") && json.has("level") && json.has("message") && json.has("step"), line);
        }
        for (String password : List.of(SEED_PASSWORD, p1, p2)) {
            assertFalse(f.logs().contains(password), "a password reached the log");
        }
        assertTrue(f.logs().contains("\"version_id\":\"" + first + "\""));
        assertTrue(f.logs().contains("\"level\":\"ERROR\""));
    }

    private String pendingPassword(String token) {
        return RedisCredentials.parse(f.secrets.value(FakeSecretStore.SECRET_ID, PENDING, token).orElseThrow())
                .password();
    }
}
