package com.usersplatform.gateway;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.usersplatform.gateway.testing.LogCapture;
import com.usersplatform.gateway.testing.TestGateway;
import com.usersplatform.gateway.testing.TestUsers;
import com.usersplatform.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway in front of the real users service on a real redis-server, all over real HTTP on 127.0.0.1.
 */
class GatewayUsersIntegrationTest {
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static LogCapture logs;
    private static RedisServer redis;
    private static TestUsers users;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        logs = LogCapture.install();
        redis = RedisServer.start();
        users = TestUsers.start(redis, 0);
        gateway = TestGateway.start(users.url(), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable resource : new AutoCloseable[] {gateway, users, redis}) {
            if (resource != null) {
                resource.close();
            }
        }
    }

    /** Calls users directly (no gateway) with the same request id, to compare answers byte for byte. */
    private static HttpResponse<String> usersDirect(String method, String path, String body, String requestId,
                                                    String contentType) {
        return TestGateway.sendTo(users.port(), method, path, body, "X-Request-ID", requestId,
                "Content-Type", contentType);
    }

    /** Sends the same request through the gateway and straight to users; both answers must be identical. */
    private static HttpResponse<String> sameThroughGateway(String method, String usersPath, String body,
                                                           String contentType, int expectedStatus,
                                                           String expectedError) {
        String rid = "cmp-" + UUID.randomUUID();
        HttpResponse<String> viaGateway = gateway.send(method, "/api" + usersPath, body, "X-API-Key",
                TestGateway.KEY, "X-Request-ID", rid, "Content-Type", contentType);
        HttpResponse<String> viaUsers = usersDirect(method, usersPath, body, rid, contentType);
        assertEquals(expectedStatus, viaGateway.statusCode(), viaGateway.body());
        assertEquals(viaUsers.statusCode(), viaGateway.statusCode());
        assertEquals(viaUsers.body(), viaGateway.body());
        assertEquals(viaUsers.headers().firstValue("Content-Type"), viaGateway.headers().firstValue("Content-Type"));
        if (expectedError != null) {
            assertTrue(viaGateway.body().contains("\"error\":\"" + expectedError + "\""), viaGateway.body());
        }
        return viaGateway;
    }

    private static String idOf(HttpResponse<String> response) {
        Matcher m = ID.matcher(response.body());
        assertTrue(m.find(), response.body());
        return m.group(1);
    }

    @Test
    void fullCrudFlowWithEveryUsersErrorCodeArrivingUnchanged() {
        String email = "ada-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> created = gateway.api("POST", "/api/users",
                "{\"name\":\"  Ada Lovelace \",\"email\":\"" + email.toUpperCase() + "\",\"role\":\"admin\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.body().contains("\"name\":\"Ada Lovelace\""), created.body());
        assertTrue(created.body().contains("\"email\":\"" + email + "\""), created.body());
        assertFalse(created.body().contains("role"), created.body());
        String id = idOf(created);
        // users says /users/<id>, which is 404 here: the gateway names the public resource.
        assertEquals("/api/users/" + id, created.headers().firstValue("Location").orElse(""));
        HttpResponse<String> atLocation = gateway.api("GET", created.headers().firstValue("Location").orElseThrow(),
                null);
        assertEquals(200, atLocation.statusCode(), atLocation.body());

        HttpResponse<String> fetched = gateway.api("GET", "/api/users/" + id, null);
        assertEquals(200, fetched.statusCode());
        assertEquals(created.body(), fetched.body());

        HttpResponse<String> page = gateway.api("GET", "/api/users?limit=1000&offset=0", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().startsWith("[") && page.body().contains(id), page.body());
        assertTrue(page.headers().firstValue("X-Total-Count").isPresent(), page.headers().map().toString());
        HttpResponse<String> one = gateway.api("GET", "/api/users?limit=1&offset=0", null);
        assertEquals(1, ID.matcher(one.body()).results().count(), "the query string reached users: " + one.body());

        HttpResponse<String> updated = gateway.api("PUT", "/api/users/" + id, "{\"name\":\"Ada King\"}");
        assertEquals(200, updated.statusCode(), updated.body());
        assertTrue(updated.body().contains("\"name\":\"Ada King\"") && updated.body().contains(email));

        // Every error code of users, through the gateway, byte for byte what users says.
        String other = "bob-" + UUID.randomUUID() + "@example.com";
        assertEquals(201, gateway.api("POST", "/api/users", "{\"name\":\"Bob\",\"email\":\"" + other + "\"}")
                .statusCode());
        String json = "application/json";
        sameThroughGateway("POST", "/users", "{\"name\":\"Ada\",\"email\":\"" + email + "\"}", json, 409,
                "duplicate_email");
        sameThroughGateway("PUT", "/users/" + id, "{\"email\":\"" + other + "\"}", json, 409, "duplicate_email");
        sameThroughGateway("POST", "/users", "{\"email\":\"x@example.com\"}", json, 400, "validation_error");
        sameThroughGateway("POST", "/users", "{\"name\":\"X\",\"email\":\"not-an-email\"}", json, 400,
                "validation_error");
        sameThroughGateway("POST", "/users", "{\"name\":42,\"email\":\"x@example.com\"}", json, 400,
                "validation_error");
        sameThroughGateway("POST", "/users", "[1,2]", json, 400, "validation_error");
        sameThroughGateway("POST", "/users", "{\"name\":", json, 400, "validation_error");
        sameThroughGateway("PUT", "/users/" + id, "{}", json, 400, "validation_error");
        sameThroughGateway("GET", "/users?limit=abc", null, json, 400, null);
        sameThroughGateway("GET", "/users?limit=5000", null, json, 400, null);
        sameThroughGateway("GET", "/users/" + UUID.randomUUID(), null, json, 404, "user_not_found");
        sameThroughGateway("PUT", "/users/" + UUID.randomUUID(), "{\"name\":\"Z\"}", json, 404, "user_not_found");
        sameThroughGateway("DELETE", "/users/" + UUID.randomUUID(), null, json, 404, "user_not_found");
        sameThroughGateway("PATCH", "/users/" + id, "{\"name\":\"Z\"}", json, 405, "method_not_allowed");
        sameThroughGateway("POST", "/users", "{\"name\":\"X\",\"email\":\"y@example.com\"}", null, 415,
                "unsupported_media_type");

        HttpResponse<String> deleted = gateway.api("DELETE", "/api/users/" + id, null);
        assertEquals(204, deleted.statusCode());
        assertEquals("", deleted.body());
        HttpResponse<String> gone = gateway.api("GET", "/api/users/" + id, null);
        assertEquals(404, gone.statusCode());
        assertTrue(gone.body().contains("\"error\":\"user_not_found\""), gone.body());
    }

    @Test
    void requestIdIsEchoedAndLoggedByBothServicesAndABadOneIsReplaced() throws Exception {
        String rid = "it-" + UUID.randomUUID();
        HttpResponse<String> response = gateway.api("GET", "/api/users/" + UUID.randomUUID(), null,
                "X-Request-ID", rid);
        assertEquals(404, response.statusCode());
        assertEquals(rid, response.headers().firstValue("X-Request-ID").orElseThrow());
        assertTrue(response.body().contains("\"request_id\":\"" + rid + "\""), response.body());
        assertLoggedByBoth(rid);

        String bad = "bad id <script>" + "x".repeat(200);
        HttpResponse<String> replaced = gateway.api("GET", "/api/users", null, "X-Request-ID", bad);
        String generated = replaced.headers().firstValue("X-Request-ID").orElseThrow();
        assertFalse(generated.equals(bad));
        assertTrue(generated.matches("[0-9a-f-]{36}"), generated);
        assertLoggedByBoth(generated);
        assertTrue(logs.linesContaining("<script>").isEmpty(), "the rejected id never reaches a log");
    }

    private static void assertLoggedByBoth(String rid) throws InterruptedException {
        // Access lines are written once the response is out, so the client may see the answer first.
        List<String> lines = loggedWith(rid, 2);
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"route\":\"/api/users")), "gateway access log: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"route\":\"/users")), "users access log: " + lines);
    }

    @Test
    void missingWrongAddedAndRemovedKeysWithoutRestart() throws Exception {
        assertEquals(401, gateway.send("GET", "/api/users", null).statusCode());
        assertEquals(401, gateway.send("GET", "/api/users", null, "X-API-Key", "nope").statusCode());
        assertEquals(401, gateway.send("GET", "/api/users", null, "Authorization", "Bearer nope").statusCode());

        String added = "added-" + UUID.randomUUID();
        Files.writeString(gateway.keysFile(), TestGateway.sha256Hex(TestGateway.KEY) + "\n"
                + TestGateway.sha256Hex(added) + "\n");
        assertEquals(200, eventually(() -> gateway.send("GET", "/api/users", null,
                "Authorization", "Bearer " + added).statusCode(), 200));

        Files.writeString(gateway.keysFile(), TestGateway.sha256Hex(TestGateway.KEY) + "\n");
        assertEquals(401, eventually(() -> gateway.send("GET", "/api/users", null, "X-API-Key", added)
                .statusCode(), 401));
        assertEquals(200, gateway.api("GET", "/api/users", null).statusCode());
    }

    @Test
    void rateLimitedAndOversizedRequestsNeverReachUsers() throws Exception {
        try (TestGateway limited = TestGateway.start(users.url(),
                Map.of("rate.limit.rps", "1", "rate.limit.burst", "2", "body.limit.bytes", "512"))) {
            List<String> refused = new ArrayList<>();
            String big = "{\"name\":\"" + "n".repeat(600) + "\",\"email\":\"big@example.com\"}";
            String rid = "big-" + UUID.randomUUID();
            HttpResponse<String> tooBig = limited.api("POST", "/api/users", big, "X-Request-ID", rid);
            assertEquals(413, tooBig.statusCode());
            assertTrue(tooBig.body().contains("\"error\":\"payload_too_large\""));
            refused.add(rid);

            limited.api("GET", "/api/users?limit=1", null);
            HttpResponse<String> last;
            int attempts = 0;
            do {
                rid = "rl-" + UUID.randomUUID();
                last = limited.api("GET", "/api/users?limit=1", null, "X-Request-ID", rid);
            } while (last.statusCode() != 429 && ++attempts < 10);
            assertEquals(429, last.statusCode());
            assertTrue(Integer.parseInt(last.headers().firstValue("Retry-After").orElseThrow()) >= 1);
            assertTrue(last.body().contains("\"error\":\"rate_limited\""));
            refused.add(rid);

            for (String id : refused) {
                List<String> lines = loggedWith(id, 1);
                assertTrue(lines.stream().anyMatch(l -> l.contains("\"logger\":\"access\"")), "logged: " + lines);
                assertTrue(lines.stream().noneMatch(l -> l.contains("\"route\":\"/users")), "reached users: " + lines);
            }
        }
    }

    @Test
    void usersStoppedFailsFastWithBreakerOpenAndNotReadyThenRecoversByItself() throws Exception {
        try (TestUsers own = TestUsers.start(redis, 0);
             TestGateway front = TestGateway.start(own.url(), Map.of("upstream.breaker.open.ms", "500"))) {
            assertEquals(200, front.api("GET", "/api/users?limit=1", null).statusCode());
            assertEquals(200, front.send("GET", "/health/ready", null).statusCode());

            own.stop();
            for (int i = 0; i < 15; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = front.api("GET", "/api/users?limit=1", null);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals(503, response.statusCode(), response.body());
                assertTrue(response.body().contains("\"error\":\"upstream_unavailable\""), response.body());
                assertTrue(millis < 1000, "answered in " + millis + " ms");
            }
            HttpResponse<String> open = front.api("POST", "/api/users", "{\"name\":\"A\",\"email\":\"a@b.co\"}");
            assertEquals(503, open.statusCode());
            assertTrue(open.body().contains("circuit open"), open.body());
            assertTrue(front.send("GET", "/metrics", null).body()
                    .contains("circuit_breaker_state{service=\"users\",state=\"open\"} 1"));
            HttpResponse<String> notReady = front.send("GET", "/health/ready", null);
            assertEquals(503, notReady.statusCode());
            assertTrue(notReady.body().contains("\"users\":\"DOWN\""), notReady.body());

            own.startAgain();
            assertEquals(200, eventually(() -> front.api("GET", "/api/users?limit=1", null).statusCode(), 200));
            assertEquals(200, front.send("GET", "/health/ready", null).statusCode());
            assertTrue(front.send("GET", "/metrics", null).body()
                    .contains("circuit_breaker_state{service=\"users\",state=\"closed\"} 1"));
        }
    }

    /** The log lines carrying {@code rid}, once at least {@code accessLines} access lines have been written. */
    private static List<String> loggedWith(String rid, int accessLines) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 3000;
        List<String> lines = logs.linesContaining("\"request_id\":\"" + rid + "\"");
        while (lines.stream().filter(l -> l.contains("\"logger\":\"access\"")).count() < accessLines
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            lines = logs.linesContaining("\"request_id\":\"" + rid + "\"");
        }
        return lines;
    }

    @Test
    void pooledConnectionsSurviveAUsersRestart() throws Exception {
        try (TestUsers own = TestUsers.start(redis, 0);
             TestGateway front = TestGateway.start(own.url(), Map.of())) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, front.api("GET", "/api/users?limit=1", null).statusCode());
            }
            own.stop();
            own.startAgain();
            HttpResponse<String> get = front.api("GET", "/api/users?limit=1", null);
            assertEquals(200, get.statusCode(), get.body());
            HttpResponse<String> post = front.api("POST", "/api/users",
                    "{\"name\":\"R\",\"email\":\"r-" + UUID.randomUUID() + "@example.com\"}");
            assertEquals(201, post.statusCode(), post.body());
        }
    }

    private static int eventually(java.util.function.IntSupplier call, int wanted) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        int got = call.getAsInt();
        while (got != wanted && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            got = call.getAsInt();
        }
        return got;
    }
}
