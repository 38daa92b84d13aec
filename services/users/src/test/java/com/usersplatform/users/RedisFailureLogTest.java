package com.usersplatform.users;

import static com.usersplatform.users.UsersApiTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.usersplatform.testing.RedisServer;
import com.usersplatform.users.redis.LogCapture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How each kind of Redis failure shows to an operator: an outage is logged once when it starts and once when it ends,
 * and refused calls are counted; an error reply is a failed request but no outage; refused credentials are logged
 * once per stale period and end when a new connection logs in again.
 */
class RedisFailureLogTest {
    private static final String USER = "users-app";

    @TempDir
    Path dir;
    private RedisServer redis;
    private LogCapture logs;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        logs = LogCapture.of("com.usersplatform.users.redis");
    }

    @AfterEach
    void stop() {
        logs.close();
        redis.close();
    }

    @Test
    void anOutageIsLoggedOnceWhenItStartsAndOnceWhenItEnds() throws Exception {
        try (UsersHarness users = UsersHarness.start(redis)) {
            String id = users.createUser("Survivor", "survivor@example.com");
            redis.stop();
            for (int i = 0; i < 5; i++) {
                assertError(users.get("/users/" + id), 503, "service_unavailable", null);
            }
            assertTrue(sample(users.get("/metrics").body(), "get", "rejected") >= 3,
                    "calls refused by the guard while Redis is down are counted");
            assertEquals(1, logs.count("WARNING Redis unavailable: JedisConnectionException"), logs.lines()::toString);

            redis.restart();
            HttpResponse<String> res = await(() -> users.get("/users/" + id), Duration.ofSeconds(5));
            assertEquals(200, res.statusCode());
            assertEquals(1, logs.count("INFO Redis available again"), logs.lines()::toString);
            assertEquals(1, logs.count("WARNING Redis unavailable"), "one line per outage: " + logs.lines());
        }
    }

    @Test
    void aDemotedPrimaryIsAnOutageUntilPromotedAgain() throws Exception {
        try (RedisServer other = RedisServer.start(); UsersHarness users = UsersHarness.start(redis)) {
            users.createUser("Before", "before.readonly@example.com");
            // A failover demoted the node the endpoint still points at: writes meet READONLY.
            redis.command("REPLICAOF", other.host(), Integer.toString(other.port()));
            assertError(users.post("/users", "{\"name\":\"W\",\"email\":\"w.readonly@example.com\"}"), 503,
                    "service_unavailable", null);
            assertEquals(1, logs.count("WARNING Redis unavailable: JedisDataException READONLY"),
                    logs.lines()::toString);

            redis.command("REPLICAOF", "NO", "ONE");
            HttpResponse<String> res = await(() -> users.post("/users",
                    "{\"name\":\"W\",\"email\":\"w.readonly@example.com\"}"), Duration.ofSeconds(5));
            assertEquals(201, res.statusCode(), res.body());
            assertEquals(1, logs.count("INFO Redis available again"), logs.lines()::toString);
        }
    }

    @Test
    void anErrorReplyFailsTheRequestWithoutTrippingTheGuard() {
        try (UsersHarness users = UsersHarness.start(redis)) {
            String id = users.createUser("Before", "before.oom@example.com");
            // noeviction (the default policy) refuses writes once memory is over maxmemory: an "OOM" error reply.
            redis.command("CONFIG", "SET", "maxmemory", "1");
            assertError(users.post("/users", "{\"name\":\"Full\",\"email\":\"full@example.com\"}"), 503,
                    "service_unavailable", null);
            assertTrue(logs.count("WARNING Redis create failed: JedisDataException OOM") == 1, logs.lines()::toString);

            assertEquals(200, users.get("/users/" + id).statusCode(), "reads go on at once: no outage");
            String metrics = users.get("/metrics").body();
            assertEquals(1, sample(metrics, "create", "error"), metrics);
            double errorSeconds = UsersHarness.metric(metrics,
                    "redis_operation_duration_seconds_sum\\{operation=\"create\",status=\"error\"\\}");
            assertTrue(errorSeconds > 0 && errorSeconds < 10, "the failed create took " + errorSeconds + " s");
            assertEquals(0, sample(metrics, "get", "rejected"), metrics);
            assertEquals(0, logs.count("WARNING Redis unavailable"), logs.lines()::toString);

            redis.command("CONFIG", "SET", "maxmemory", "0");
            assertEquals(201, users.post("/users", "{\"name\":\"Room\",\"email\":\"room@example.com\"}")
                    .statusCode());
        }
    }

    @Test
    void aTimedOutCommandIsNotRetriedOnNewConnections() throws Exception {
        try (UsersHarness users = UsersHarness.start(redis, Map.of("REDIS_COMMAND_TIMEOUT_MS", "300"))) {
            String id = users.createUser("Slow", "slow@example.com");
            long before = connectionsReceived();
            // Redis stops answering for 1.5 s (as under a long-running command) but still accepts connections.
            redis.command("CLIENT", "PAUSE", "1500", "ALL");
            assertError(users.get("/users/" + id), 503, "service_unavailable", null);
            assertEquals(1, logs.count("WARNING Redis unavailable: JedisConnectionException"), logs.lines()::toString);
            Thread.sleep(1600);
            // The test's own two connections (CLIENT PAUSE, this INFO) are the only new ones: a command that may
            // still run is not sent again on a fresh connection, whose login would only time out as well.
            assertEquals(before + 2, connectionsReceived(), "connections opened meanwhile");
            HttpResponse<String> res = await(() -> users.get("/users/" + id), Duration.ofSeconds(5));
            assertEquals(200, res.statusCode(), res.body());
        }
    }

    /** Redis's count of accepted connections ({@code INFO stats}), including the one asking. */
    private long connectionsReceived() {
        Matcher m = Pattern.compile("total_connections_received:(\\d+)").matcher(redis.command("INFO", "stats"));
        assertTrue(m.find());
        return Long.parseLong(m.group(1));
    }

    @Test
    void refusedCredentialsEndWhenRedisAcceptsThemAgain() throws Exception {
        Path credentials = CredentialRotationTest.createAppUser(redis, dir);
        try (UsersHarness users = UsersHarness.start(redis, Map.of("REDIS_CREDENTIALS_FILE", credentials.toString(),
                "REDIS_CREDENTIALS_POLL_MS", "600000", "REDIS_CREDENTIALS_STALE_GRACE_MS", "500"))) {
            String id = users.createUser("Before", "before.refusal@example.com");
            // The password is taken away and every connection dropped: new connections meet WRONGPASS.
            redis.command("ACL", "SETUSER", USER, "resetpass", ">password-2");
            redis.command("CLIENT", "KILL", "USER", USER);
            for (int i = 0; i < 3; i++) {
                assertError(users.get("/users/" + id), 503, "service_unavailable", null);
            }
            Thread.sleep(600);
            HttpResponse<String> stale = users.get("/health/ready");
            assertEquals(503, stale.statusCode(), stale.body());
            assertEquals("STALE", UsersHarness.json(stale).at("/checks/redis_credentials").asText());
            assertEquals("DOWN", UsersHarness.json(stale).at("/checks/redis").asText(),
                    "with every connection gone the pod is out of readiness through the redis check");
            String metrics = users.get("/metrics").body();
            assertEquals(0, sample(metrics, "get", "rejected"), "the outage guard stayed closed: " + metrics);
            assertTrue(UsersHarness.metric(metrics, "redis_credentials_rejected_total") >= 3, metrics);
            double staleSeconds = UsersHarness.metric(metrics, "redis_credentials_stale_seconds");
            assertTrue(staleSeconds >= 0.5 && staleSeconds < 60, "stale for " + staleSeconds + " s");
            assertEquals(1, logs.count("WARNING Redis refused the credentials"), logs.lines()::toString);
            assertEquals(1, logs.count("WARNING Redis credentials stale"), logs.lines()::toString);
            assertEquals(0, logs.count("WARNING Redis unavailable"), logs.lines()::toString);

            // The old password comes back (a rotation rolled back) while the file never changed.
            redis.command("ACL", "SETUSER", USER, ">password-1");
            HttpResponse<String> res = await(() -> users.get("/users/" + id), Duration.ofSeconds(5));
            assertEquals(200, res.statusCode(), res.body());
            assertEquals(200, users.get("/health/ready").statusCode());
            assertEquals(0, UsersHarness.metric(users.get("/metrics").body(), "redis_credentials_stale_seconds"));
            assertTrue(logs.count("INFO Redis credentials usable again") >= 1, logs.lines()::toString);
            assertTrue(logs.lines().stream().noneMatch(l -> l.contains("password-")), "a password reached the log");

            // A second refusal is a new stale period: logged again.
            redis.command("ACL", "SETUSER", USER, "resetpass", ">password-3");
            redis.command("CLIENT", "KILL", "USER", USER);
            assertError(users.get("/users/" + id), 503, "service_unavailable", null);
            assertEquals(2, logs.count("WARNING Redis refused the credentials"), logs.lines()::toString);
            Thread.sleep(600);
            assertEquals(503, users.get("/health/ready").statusCode());
            assertEquals(2, logs.count("WARNING Redis credentials stale"), logs.lines()::toString);
        }
    }

    /** Repeats {@code request} every 50 ms until it is not a 503 or {@code timeout} passed; the last answer. */
    private static HttpResponse<String> await(Supplier<HttpResponse<String>> request, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> res = request.get();
        while (res.statusCode() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            res = request.get();
        }
        return res;
    }

    /** {@code redis_operation_duration_seconds_count} of one operation and status, 0 when absent. */
    private static double sample(String metrics, String operation, String status) {
        return UsersHarness.metric(metrics, "redis_operation_duration_seconds_count\\{operation=\"" + operation
                + "\",status=\"" + status + "\"\\}");
    }
}
