package com.usersplatform.rotation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.usersplatform.testing.RedisServer;
import java.time.Duration;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/** testSecret's login against real Redis servers: plain, and TLS with certificate verification. */
class RedisCredentialCheckTest {

    private static final String USER = "checker";
    private static final String PASSWORD = "Checker-password-0123456789";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void plainLoginAcceptsTheRightPasswordAndRefusesAWrongOne() {
        try (RedisServer redis = RedisServer.start()) {
            redis.command("ACL", "SETUSER", USER, "on", ">" + PASSWORD, "~*", "+ping");
            RedisCredentialCheck check = RedisCredentialCheck.plain(redis.host(), redis.port(), TIMEOUT);

            assertDoesNotThrow(() -> check.verify(USER, PASSWORD));
            RotationException wrong = assertThrows(RotationException.class,
                    () -> check.verify(USER, "Wrong-password-0123456789"));
            assertTrue(wrong.getMessage().contains("WRONGPASS"), wrong.getMessage());
            assertFalse(wrong.getMessage().contains("Wrong-password"), "the password is never in the message");
        }
    }

    @Test
    void anUnreachableServerIsAFailureNamingTheAddress() {
        int port;
        try (RedisServer redis = RedisServer.start()) {
            port = redis.port();
        }
        RedisCredentialCheck check = RedisCredentialCheck.plain("127.0.0.1", port, Duration.ofMillis(500));
        RotationException e = assertThrows(RotationException.class, () -> check.verify(USER, PASSWORD));
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void tlsLoginTrustsOnlyTheConfiguredCertificateAuthority() {
        assumeTrue(RedisServer.tlsAvailable(), "redis-server without TLS support");
        try (RedisServer redis = RedisServer.startTls()) {
            redis.command("ACL", "SETUSER", USER, "on", ">" + PASSWORD, "~*", "+ping");

            RedisCredentialCheck trusted = RedisCredentialCheck.overTls(redis.host(), redis.port(),
                    RotationFixture.trusting(redis.caCertFile()), TIMEOUT);
            assertDoesNotThrow(() -> trusted.verify(USER, PASSWORD));
            assertThrows(RotationException.class, () -> trusted.verify(USER, "Wrong-password-0123456789"));

            RedisCredentialCheck jdkTrust = RedisCredentialCheck.overTls(redis.host(), redis.port(),
                    (SSLSocketFactory) SSLSocketFactory.getDefault(), TIMEOUT);
            assertThrows(RotationException.class, () -> jdkTrust.verify(USER, PASSWORD),
                    "a certificate from an unknown CA is refused");
            RedisCredentialCheck plainText = RedisCredentialCheck.plain(redis.host(), redis.port(), TIMEOUT);
            assertThrows(RotationException.class, () -> plainText.verify(USER, PASSWORD));
        }
    }
}
