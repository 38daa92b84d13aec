package com.usersplatform.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The fake of ElastiCache refuses what AWS refuses, and applies ModifyUser late, as AWS does. */
class RedisAclCacheUsersTest extends RotationTestBase {

    private static final String GOOD = "Good-password-0123456789";

    @ParameterizedTest(name = "forbidden character [{0}]")
    @ValueSource(strings = {",", "\"", "/", "@", " "})
    void refusesEachForbiddenCharacter(String forbidden) {
        String password = "Abcdefgh" + forbidden + "12345678";
        assertEquals(17, password.length());
        refused(List.of(password), "InvalidParameterValue: a password contains a character ElastiCache refuses");
    }

    @Test
    void refusesNonAsciiAndControlCharacters() {
        refused(List.of("Abcdefgh\u00e912345678"), "(not printable ASCII)");
        refused(List.of("Abcdefgh\t12345678"), "(not printable ASCII)");
    }

    @Test
    void refusesTooShortAndTooLongPasswords() {
        refused(List.of("a".repeat(15)), "InvalidParameterValue: a password must be 16-128 characters, got 15");
        refused(List.of("a".repeat(129)), "InvalidParameterValue: a password must be 16-128 characters, got 129");
    }

    @Test
    void refusesAThirdPasswordAndNone() {
        refused(List.of(GOOD, GOOD + "1", GOOD + "2"), "InvalidParameterValue: a user holds 1-2 passwords, got 3");
        refused(List.of(), "InvalidParameterValue: a user holds 1-2 passwords, got 0");
    }

    @Test
    void acceptsTheBoundsAndAppliesLateThenIsActive() throws InterruptedException {
        // ModifyUser applies after 2 s here, so the checks of the in-between state finish first even on a busy machine.
        try (RotationFixture slow = new RotationFixture(redisServer(), Duration.ofSeconds(2),
                RotationFixture.ACTIVE_TIMEOUT)) {
            String shortest = "a".repeat(16);
            String longest = "!#$%&'()*+-.:;<=>?[\\]^_`{|}~09AZaz".repeat(4).substring(0, 128);
            slow.users.setPasswords(RotationFixture.USER_ID, List.of(shortest, longest));
            assertEquals("modifying", slow.users.status(RotationFixture.USER_ID));
            assertTrue(slow.logsIn(RotationFixture.SEED_PASSWORD), "not applied yet");
            IllegalStateException busy = assertThrows(IllegalStateException.class,
                    () -> slow.users.setPasswords(RotationFixture.USER_ID, List.of(GOOD)));
            assertTrue(busy.getMessage().startsWith("InvalidUserStateFault"), busy.getMessage());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!CacheUsers.ACTIVE.equals(slow.users.status(RotationFixture.USER_ID))
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(CacheUsers.ACTIVE, slow.users.status(RotationFixture.USER_ID));
            assertTrue(slow.logsIn(shortest));
            assertTrue(slow.logsIn(longest));
            assertEquals(false, slow.logsIn(RotationFixture.SEED_PASSWORD));
            assertEquals(1, slow.users.modifications());
        }
    }

    private void refused(List<String> passwords, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.users.setPasswords(RotationFixture.USER_ID, passwords));
        assertTrue(e.getMessage().startsWith(expected) || e.getMessage().endsWith(expected), e.getMessage());
        assertEquals(CacheUsers.ACTIVE, f.users.status(RotationFixture.USER_ID), "nothing was applied");
        assertEquals(0, f.users.modifications());
        passwords.forEach(p -> assertTrue(!e.getMessage().contains(p) || p.isEmpty(), "the error names no password"));
    }
}
