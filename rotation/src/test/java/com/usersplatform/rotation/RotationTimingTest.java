package com.usersplatform.rotation;

import static com.usersplatform.rotation.RotationFixture.SEED_PASSWORD;
import static com.usersplatform.rotation.RotationFixture.SEED_VERSION;
import static com.usersplatform.rotation.RotationStep.CREATE_SECRET;
import static com.usersplatform.rotation.RotationStep.FINISH_SECRET;
import static com.usersplatform.rotation.RotationStep.SET_SECRET;
import static com.usersplatform.rotation.RotationStep.TEST_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Rotation against ElastiCache's real timing (scaled): ModifyUser that outlasts one wait, the minimum age between
 * two rotations, testSecret waiting for {@code active}, and events for another secret.
 */
class RotationTimingTest extends RotationTestBase {

    @Test
    void completesWhenModifyUserTakesLongerThanOneWaitWithOneModifyUser() {
        f.close();
        // ModifyUser applies after 1.5 s; a step waits 1 s for active: setSecret fails once, its retry finds both
        // passwords in force and leaves the user alone.
        f = new RotationFixture(redisServer(), Duration.ofMillis(1500), Duration.ofSeconds(1));
        String token = f.rotateRetrying(6);
        System.out.printf("slow ModifyUser (1.5 s apply, 1 s wait): rotation completed, %d failed attempt(s),"
                + " %d ModifyUser call(s)%n", f.failedAttempts, f.users.modifications());
        assertEquals(1, f.users.modifications());
        assertTrue(f.failedAttempts >= 1, "the first setSecret ran out of its wait");
        f.assertRotatedFrom(token, SEED_VERSION, SEED_PASSWORD, accessRules);
    }

    @Test
    void oneModifyUserPerRotationWhenNothingFails() {
        String first = f.rotate();
        assertEquals(1, f.users.modifications());
        String p1 = f.current().password();
        f.passMinimumAge();
        String second = f.rotate();
        assertEquals(2, f.users.modifications());
        f.assertRotatedFrom(second, first, p1, accessRules);
    }

    @Test
    void aSecondRotationRefusesToDropThePasswordUntilTheMinimumAgePassed() {
        String first = f.rotate();
        String p1 = f.current().password();
        String second = f.secrets.startRotation();
        f.step(second, CREATE_SECRET);

        f.clock.advance(RotationFixture.MINIMUM_AGE.minusSeconds(1));
        RotationException refused = assertThrows(RotationException.class, () -> f.step(second, SET_SECRET));
        assertTrue(refused.getMessage().contains("the current password is only 7199 s old"), refused.getMessage());
        assertTrue(f.logsIn(SEED_PASSWORD), "clients still on the previous password keep working");
        assertEquals(1, f.users.modifications(), "no ModifyUser while the guard refuses");

        f.clock.advance(Duration.ofSeconds(1));
        f.step(second, SET_SECRET);
        f.step(second, TEST_SECRET);
        f.step(second, FINISH_SECRET);
        f.assertRotatedFrom(second, first, p1, accessRules);
        assertEquals(false, f.logsIn(SEED_PASSWORD), "dropped once the minimum age passed");
    }

    @Test
    void testSecretWaitsForTheUserToBeActiveAndRetriesTheLogin() {
        f.close();
        // Longer than testSecret's 300 ms of login retries: only the wait for active lets it pass.
        f = new RotationFixture(redisServer(), Duration.ofMillis(800), Duration.ofSeconds(5));
        String token = f.secrets.startRotation();
        f.step(token, CREATE_SECRET);
        String pending = RedisCredentials.parse(f.secrets.value(FakeSecretStore.SECRET_ID, SecretStore.PENDING, token)
                .orElseThrow()).password();
        f.users.setPasswords(RotationFixture.USER_ID, List.of(SEED_PASSWORD, pending));
        f.step(token, TEST_SECRET);
        assertTrue(f.logs().contains("\"message\":\"user is active\""));

        AtomicInteger calls = new AtomicInteger();
        CredentialCheck flaky = (user, password) -> {
            if (calls.incrementAndGet() <= 3) {
                throw new RotationException("cannot log in to Redis: Connection refused");
            }
            f.login.verify(user, password);
        };
        new SecretRotation(f.secrets, f.users, flaky, new PasswordGenerator(32, ""),
                f.settings(RotationFixture.USER_ID, Duration.ofSeconds(5)), quietLog())
                .run(new RotationEvent(FakeSecretStore.SECRET_ID, token, TEST_SECRET));
        assertEquals(5, calls.get(), "three refused logins, then pending and current");
    }

    @Test
    void refusesAnEventForAnotherSecretAndTouchesNothing() {
        String token = f.secrets.startRotation();
        String other = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:someone-elses-Zz99Yy";
        RotationException e = assertThrows(RotationException.class, () -> f.handler.handleRequest(
                Map.of("SecretId", other, "ClientRequestToken", token, "Step", "createSecret"), null));
        assertEquals("secret " + other + " is not the secret this function rotates (SECRET_ARN)", e.getMessage());
        assertTrue(f.secrets.value(FakeSecretStore.SECRET_ID, SecretStore.PENDING, token).isEmpty());
        assertTrue(f.logs().contains("\"message\":\"rotation step failed\""));
    }

    private static JsonLog quietLog() {
        return new JsonLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                java.time.Clock.systemUTC());
    }
}
