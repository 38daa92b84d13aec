package com.usersplatform.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Clients keep logging in while the function rotates: one stays on the old password throughout, one moves to the
 * new password once rotation finishes (as the users service does when its mounted secret changes). Not a single
 * login may fail.
 */
class ZeroDowntimeRotationTest extends RotationTestBase {

    private static final Duration MAX_RUN = Duration.ofSeconds(30);

    @Test
    void aFullRotationUnderLoadFailsNoLogin() throws InterruptedException {
        try (ClientLoop staysOnOld = new ClientLoop("old-password-client", f.login,
                     RotationFixture.SEED_PASSWORD, MAX_RUN);
             ClientLoop movesOver = new ClientLoop("moving-client", f.login,
                     RotationFixture.SEED_PASSWORD, MAX_RUN)) {
            staysOnOld.awaitMoreSuccesses(20);
            movesOver.awaitMoreSuccesses(20);

            String token = f.secrets.startRotation();
            for (RotationStep step : RotationStep.values()) {
                f.step(token, step);
                staysOnOld.awaitMoreSuccesses(10);
                movesOver.awaitMoreSuccesses(10);
            }
            String newPassword = f.current().password();
            movesOver.usePassword(newPassword);
            movesOver.awaitMoreSuccesses(50);
            staysOnOld.awaitMoreSuccesses(50);

            staysOnOld.close();
            movesOver.close();
            assertEquals(0, staysOnOld.failures(), () -> "old-password client failed: "
                    + staysOnOld.failureMessages());
            assertEquals(0, movesOver.failures(), () -> "moving client failed: " + movesOver.failureMessages());
            assertTrue(movesOver.succeededWith(RotationFixture.SEED_PASSWORD));
            assertTrue(movesOver.succeededWith(newPassword));
            assertTrue(staysOnOld.successes() >= 90, "old-password client kept logging in throughout");
            System.out.printf("zero-downtime rotation (%s): %d logins with the old password, %d by the moving"
                    + " client, 0 failed%n", f.redis.isTls() ? "TLS" : "plain", staysOnOld.successes(),
                    movesOver.successes());
        }
    }
}
