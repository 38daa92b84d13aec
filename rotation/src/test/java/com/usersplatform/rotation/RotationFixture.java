package com.usersplatform.rotation;

import com.usersplatform.testing.ManualClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.usersplatform.testing.RedisServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * One rotation set-up per test: the app user in a real Redis as Pulumi creates it (seed password, limited access
 * rules), a secret holding its credentials, the two AWS fakes and the function wired as in production. Redis
 * speaks TLS when the binary supports it, so testSecret and the client loops go through TLS there.
 */
final class RotationFixture implements AutoCloseable {

    static final String USER_ID = "users-platform-app";
    static final String USER_NAME = "app";
    static final String USER_ARN = "arn:aws:elasticache:eu-west-1:111122223333:user:" + USER_ID;
    /** The app user's rules; {@code {users}:*} are the users service's keys (the rotation drill runs it). */
    static final List<String> ACCESS_RULES = List.of("~{users}:*", "+@all", "-@dangerous");
    static final String SEED_PASSWORD = "Seed-password-from-pulumi-0123";
    static final String SEED_VERSION = "seed-version-0000";
    static final Duration MODIFY_DELAY = Duration.ofMillis(150);

    /** Wait for {@code active} of one step; longer than {@link #MODIFY_DELAY} unless a test says otherwise. */
    static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(5);
    static final Duration MINIMUM_AGE = Duration.ofHours(2);

    final RedisServer redis;
    final Faults faults = new Faults();
    final ManualClock clock = new ManualClock();
    final FakeSecretStore secrets;
    final RedisAclCacheUsers users;
    final CredentialCheck login;
    final RotationHandler handler;
    /** Step invocations that failed in {@link #rotateRetrying(int)} (and in tests that retry steps themselves). */
    int failedAttempts;
    private final ByteArrayOutputStream logBuffer = new ByteArrayOutputStream();

    RotationFixture(RedisServer redis) {
        this(redis, MODIFY_DELAY, ACTIVE_TIMEOUT);
    }

    /** A set-up where ModifyUser takes {@code modifyDelay} and a step waits {@code activeTimeout} for it. */
    RotationFixture(RedisServer redis, Duration modifyDelay, Duration activeTimeout) {
        this.redis = redis;
        redis.command("ACL", "DELUSER", USER_NAME);
        redis.command(concat(List.of("ACL", "SETUSER", USER_NAME, "on", ">" + SEED_PASSWORD), ACCESS_RULES));
        this.secrets = new FakeSecretStore(SEED_VERSION, new Gson().toJson(
                Map.of("username", USER_NAME, "password", SEED_PASSWORD, "user_arn", USER_ARN)), faults, clock);
        this.users = new RedisAclCacheUsers(redis, USER_ID, USER_NAME, modifyDelay, faults);
        this.login = checkFor(redis);
        CredentialCheck faultyLogin = (user, password) -> {
            faults.before(Faults.Operation.LOGIN);
            login.verify(user, password);
        };
        JsonLog log = new JsonLog(new PrintStream(logBuffer, true, StandardCharsets.UTF_8), Clock.systemUTC());
        SecretRotation rotation = new SecretRotation(secrets, users, faultyLogin, new PasswordGenerator(48, "'\\`"),
                settings(USER_ID, activeTimeout), log);
        this.handler = new RotationHandler(rotation, log);
    }

    /** The function's settings in scaled time: polls every 20 ms, logins retried for 300 ms. */
    SecretRotation.Settings settings(String userId, Duration activeTimeout) {
        return new SecretRotation.Settings(FakeSecretStore.SECRET_ID, userId, activeTimeout, Duration.ofMillis(20),
                Duration.ofMillis(300), Duration.ofMillis(20), MINIMUM_AGE, clock);
    }

    /** Lets the minimum password age pass (the next rotation may drop the previous password). */
    void passMinimumAge() {
        clock.advance(MINIMUM_AGE);
    }

    /** A TLS-only Redis when the binary supports TLS, plain otherwise. */
    static RedisServer startRedis() {
        return RedisServer.tlsAvailable() ? RedisServer.startTls() : RedisServer.start();
    }

    /** The production login check for this server: TLS with the throwaway CA as trust, or plain. */
    static RedisCredentialCheck checkFor(RedisServer redis) {
        Duration timeout = Duration.ofSeconds(2);
        return redis.isTls()
                ? RedisCredentialCheck.overTls(redis.host(), redis.port(), trusting(redis.caCertFile()), timeout)
                : RedisCredentialCheck.plain(redis.host(), redis.port(), timeout);
    }

    /** Runs one step as Secrets Manager would invoke the function. */
    void step(String token, RotationStep step) {
        handler.handleRequest(Map.of("SecretId", FakeSecretStore.SECRET_ID, "ClientRequestToken", token,
                "Step", step.eventName()), null);
    }

    /** A whole rotation, as RotateSecret drives it; returns the new version's token. */
    String rotate() {
        String token = secrets.startRotation();
        for (RotationStep step : RotationStep.values()) {
            step(token, step);
        }
        return token;
    }

    /**
     * A whole rotation as Secrets Manager drives it when steps fail: a failed step is invoked again, up to
     * {@code attemptsPerStep} times. Returns the token; {@link #failedAttempts} counts the failures.
     */
    String rotateRetrying(int attemptsPerStep) {
        String token = secrets.startRotation();
        for (RotationStep step : RotationStep.values()) {
            for (int attempt = 1; ; attempt++) {
                try {
                    step(token, step);
                    break;
                } catch (RotationException e) {
                    failedAttempts++;
                    if (attempt == attemptsPerStep) {
                        throw e;
                    }
                }
            }
        }
        return token;
    }

    boolean logsIn(String password) {
        try {
            login.verify(USER_NAME, password);
            return true;
        } catch (RotationException e) {
            return false;
        }
    }

    /** How many passwords Redis holds for the app user (ACL GETUSER). */
    int redisPasswordCount() {
        return aclField("passwords").size();
    }

    /** The app user's key patterns and command rules, to show rotation leaves the access string alone. */
    String accessRules() {
        return aclField("keys") + " " + aclField("commands");
    }

    /** The credentials staged AWSCURRENT. */
    RedisCredentials current() {
        return RedisCredentials.parse(secrets.valueOf(SecretStore.CURRENT));
    }

    /**
     * The end state of a successful rotation to {@code token} from {@code oldPassword}: the version is AWSCURRENT
     * alone, the old one AWSPREVIOUS, nothing pending; the user is active and Redis accepts exactly the new and
     * the old password; username, ARN and access rules are unchanged.
     */
    void assertRotatedFrom(String token, String previousVersion, String oldPassword, String accessRulesBefore) {
        SecretVersions versions = secrets.describe(FakeSecretStore.SECRET_ID);
        assertEquals(Set.of(SecretStore.CURRENT), versions.stagesOf(token));
        assertEquals(Set.of(SecretStore.PREVIOUS), versions.stagesOf(previousVersion));
        assertTrue(versions.versionWith(SecretStore.PENDING).isEmpty(), "no version left AWSPENDING");
        RedisCredentials current = current();
        assertNotEquals(oldPassword, current.password());
        assertEquals(USER_NAME, current.username());
        assertEquals(USER_ARN, current.userArn());
        assertEquals(CacheUsers.ACTIVE, users.status(USER_ID));
        assertTrue(logsIn(current.password()), "new password logs in");
        assertTrue(logsIn(oldPassword), "old password still logs in");
        assertFalse(logsIn("Not-the-password-0123456789"), "a wrong password is refused");
        assertEquals(2, redisPasswordCount());
        assertEquals(accessRulesBefore, accessRules());
    }

    String logs() {
        return logBuffer.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        users.close();
    }

    private List<?> aclField(String name) {
        List<?> reply = (List<?>) redis.call("ACL", "GETUSER", USER_NAME);
        int at = reply.indexOf(name);
        Object value = reply.get(at + 1);
        return value instanceof List<?> list ? list : List.of(value);
    }

    static SSLSocketFactory trusting(Path caPem) {
        try (InputStream in = Files.newInputStream(caPem)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] concat(List<String> head, List<String> tail) {
        return Stream.concat(head.stream(), tail.stream()).toArray(String[]::new);
    }
}
