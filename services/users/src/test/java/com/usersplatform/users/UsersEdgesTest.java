package com.usersplatform.users;

import static com.usersplatform.users.UsersApiTest.assertError;
import static com.usersplatform.users.UsersHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.usersplatform.testing.RedisServer;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The edges of the API's limits (body size, page size), the {@code users_total} gauge through every write, what an
 * id that cannot be a user's does to Redis (nothing), and what stopping the service leaves behind (nothing).
 */
class UsersEdgesTest {
    private RedisServer redis;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
    }

    @AfterEach
    void stop() {
        redis.close();
    }

    @Test
    void aBodyOfExactlyTheLimitIsReadAndOneByteMoreIs413() {
        int limit = 120;
        try (UsersHarness users = UsersHarness.start(redis, Map.of("BODY_LIMIT_BYTES", Integer.toString(limit)))) {
            String exact = body("exact@example.com", limit);
            assertEquals(limit, exact.length());
            HttpResponse<String> created = users.post("/users", exact);
            assertEquals(201, created.statusCode(), created.body());
            assertError(users.post("/users", body("over@example.com", limit + 1)), 413, "payload_too_large", null);
        }
    }

    @Test
    void pagesHoldTheDefaultHundredUsersAndTheSmallestPageOne() {
        try (UsersHarness users = UsersHarness.start(redis)) {
            for (int i = 0; i <= UserService.DEFAULT_LIMIT; i++) {
                users.createUser("U" + i, "page" + i + "@example.com");
            }
            HttpResponse<String> page = users.get("/users");
            assertEquals(200, page.statusCode());
            assertEquals(UserService.DEFAULT_LIMIT, json(page).size());
            assertEquals("101", page.headers().firstValue("X-Total-Count").orElseThrow());
            HttpResponse<String> first = users.get("/users?limit=1&offset=0");
            assertEquals(200, first.statusCode(), first.body());
            assertEquals(1, json(first).size());
            assertEquals("page0@example.com", json(first).get(0).get("email").asText());
        }
    }

    @Test
    void usersTotalFollowsEveryWriteAndIsReadAtStart() {
        try (UsersHarness users = UsersHarness.start(redis)) {
            assertEquals(0, usersTotal(users));
            String first = users.createUser("A", "a.total@example.com");
            users.createUser("B", "b.total@example.com");
            users.createUser("C", "c.total@example.com");
            assertEquals(3, usersTotal(users));
            assertEquals(204, users.delete("/users/" + first).statusCode());
            assertEquals(2, usersTotal(users));
        }
        try (UsersHarness restarted = UsersHarness.start(redis)) {
            assertEquals(2, usersTotal(restarted), "counted at start-up, before any request");
            redis.command("DEL", "{users}:order");
            assertEquals(200, restarted.get("/users").statusCode());
            assertEquals(0, usersTotal(restarted), "a list sets the gauge to the store's count");
        }
    }

    @Test
    void deletingTheLastUserLeavesZero() {
        try (UsersHarness users = UsersHarness.start(redis)) {
            String only = users.createUser("Only", "only@example.com");
            assertEquals(204, users.delete("/users/" + only).statusCode());
            assertEquals(0, usersTotal(users));
            assertError(users.get("/users/" + only), 404, "user_not_found", null);
            assertError(users.delete("/users/" + only), 404, "user_not_found", null);
        }
    }

    @Test
    void anIdThatIsNotAUuidNeverReachesRedis() {
        try (UsersHarness users = UsersHarness.start(redis)) {
            users.createUser("Real", "real@example.com");
            long before = commandCalls("hgetall");
            assertError(users.get("/users/not-a-uuid"), 404, "user_not_found", null);
            assertError(users.get("/users/*"), 404, "user_not_found", null);
            assertEquals(before, commandCalls("hgetall"), "Redis was asked for a key built from the path");
        }
    }

    @Test
    void theOperationHistogramIsInSeconds() {
        try (UsersHarness users = UsersHarness.start(redis)) {
            String id = users.createUser("Timed", "timed@example.com");
            for (int i = 0; i < 5; i++) {
                assertEquals(200, users.get("/users/" + id).statusCode());
            }
            double seconds = UsersHarness.metric(users.get("/metrics").body(),
                    "redis_operation_duration_seconds_sum\\{operation=\"get\",status=\"ok\"\\}");
            assertTrue(seconds > 0 && seconds < 25, "5 reads took " + seconds + " s in all");
        }
    }

    @Test
    void stoppingTheServiceClosesItsConnectionsAndPort() throws Exception {
        UsersHarness users = UsersHarness.start(redis);
        users.createUser("Gone", "gone@example.com");
        assertTrue(serviceConnections() > 0);
        int port = users.port();
        users.close();
        assertEquals(0, serviceConnections(), "connections left open after stop");
        try (ServerSocket reuse = new ServerSocket(port)) {
            assertEquals(port, reuse.getLocalPort(), "the HTTP port is free again");
        }
    }

    @Test
    void aServiceThatCannotStartLeavesNoConnectionBehind() throws Exception {
        try (ServerSocket busy = new ServerSocket(0)) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> UsersHarness.start(redis,
                    Map.of("SERVER_PORT", Integer.toString(busy.getLocalPort()))));
            assertTrue(e.getMessage() != null, "the failure says why");
            assertEquals(0, serviceConnections(), "the store opened at start-up was not closed");
        }
    }

    /** A create body of exactly {@code length} bytes (ASCII), padded in the name. */
    private static String body(String email, int length) {
        String shell = "{\"name\":\"\",\"email\":\"" + email + "\"}";
        return shell.replace("\"name\":\"\"", "\"name\":\"" + "n".repeat(length - shell.length()) + "\"");
    }

    private static double usersTotal(UsersHarness users) {
        return UsersHarness.metric(users.get("/metrics").body(), "users_total");
    }

    /** Connections named {@code users} (the service's client name) that Redis holds, after a moment to settle. */
    private int serviceConnections() throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        int count;
        do {
            count = (int) redis.command("CLIENT", "LIST").lines().filter(l -> l.contains(" name=users ")).count();
            if (count == 0) {
                return 0;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return count;
    }

    /** Calls of one Redis command so far ({@code INFO commandstats}). */
    private long commandCalls(String command) {
        Matcher m = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(redis.command("INFO",
                "commandstats"));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
