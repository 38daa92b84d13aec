package com.usersplatform.users;

import static com.usersplatform.users.UsersApiTest.assertError;
import static com.usersplatform.users.UsersHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.usersplatform.testing.RedisServer;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Redis stops: fast 503s and readiness down; Redis returns: service recovers by itself with the data intact. */
class RedisOutageTest {

    @Test
    void failsFastWhileRedisIsDownAndRecoversWithoutRestart() throws Exception {
        try (RedisServer redis = RedisServer.start(); UsersHarness users = UsersHarness.start(redis)) {
            String id = users.createUser("Survivor", "survivor@example.com");

            redis.stop();
            long slowest = 0;
            for (int i = 0; i < 10; i++) {
                long start = System.nanoTime();
                HttpResponse<String> res = i % 2 == 0 ? users.get("/users/" + id)
                        : users.post("/users", "{\"name\":\"Down\",\"email\":\"down" + i + "@example.com\"}");
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertError(res, 503, "service_unavailable", null);
                assertEquals("1", res.headers().firstValue("Retry-After").orElse(null));
                assertTrue(millis < 1000, "503 took " + millis + " ms");
                slowest = Math.max(slowest, millis);
                assertFalse(res.body().toLowerCase().contains("jedis"), "no client internals leak: " + res.body());
                assertFalse(res.body().contains("Connection refused"));
            }
            System.out.println("RedisOutageTest: slowest 503 while Redis was down: " + slowest + " ms");
            HttpResponse<String> ready = users.get("/health/ready");
            assertEquals(503, ready.statusCode());
            assertEquals("DOWN", json(ready).at("/checks/redis").asText());
            assertEquals(200, users.get("/health/live").statusCode(), "liveness stays up: no restart needed");
            assertTrue(users.get("/metrics").body().contains("status=\"error\""));

            redis.restart();
            long restarted = System.nanoTime();
            HttpResponse<String> res;
            do {
                res = users.get("/users/" + id);
                Thread.sleep(50);
            } while (res.statusCode() == 503 && System.nanoTime() - restarted < 5_000_000_000L);
            long recoveredMs = (System.nanoTime() - restarted) / 1_000_000;
            System.out.println("RedisOutageTest: serving again " + recoveredMs + " ms after redis-server restarted");
            assertEquals(200, res.statusCode(), "serving again within 5 s (took " + recoveredMs + " ms)");
            assertEquals("survivor@example.com", json(res).get("email").asText(), "data from before the outage");
            assertEquals(200, users.get("/health/ready").statusCode());
            assertEquals(201, users.post("/users", "{\"name\":\"After\",\"email\":\"after@example.com\"}")
                    .statusCode());
            assertError(users.get("/users/" + UUID.randomUUID()), 404, "user_not_found", null);
        }
    }

    @Test
    void writesToADemotedPrimaryAre503AndResumeAfterPromotion() throws Exception {
        try (RedisServer primary = RedisServer.start(); RedisServer other = RedisServer.start();
             UsersHarness users = UsersHarness.start(primary)) {
            users.createUser("Before", "before.failover@example.com");
            other.command("SET", "x", "1");
            primary.command("REPLICAOF", other.host(), Integer.toString(other.port()));

            HttpResponse<String> write = users.post("/users", "{\"name\":\"W\",\"email\":\"w@example.com\"}");
            assertError(write, 503, "service_unavailable", null);
            assertFalse(write.body().contains("READONLY"));

            primary.command("REPLICAOF", "NO", "ONE");
            long promoted = System.nanoTime();
            HttpResponse<String> res;
            do {
                Thread.sleep(50);
                res = users.post("/users", "{\"name\":\"W\",\"email\":\"w@example.com\"}");
            } while (res.statusCode() == 503 && System.nanoTime() - promoted < 5_000_000_000L);
            assertEquals(201, res.statusCode(), res.body());
            String created = json(res).get("id").asText();
            assertEquals("w@example.com", json(users.get("/users/" + created)).get("email").asText());
        }
    }
}
