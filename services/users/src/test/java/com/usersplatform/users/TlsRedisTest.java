package com.usersplatform.users;

import static com.usersplatform.users.UsersHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.usersplatform.testing.RedisServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The service against a TLS-only redis-server whose certificate comes from a throwaway CA. */
class TlsRedisTest {
    private static RedisServer redis;

    @BeforeAll
    static void start() {
        assumeTrue(RedisServer.tlsAvailable(), "redis-server was built without TLS; TLS tests skipped");
        redis = RedisServer.startTls();
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void servesUsersOverTlsWithTheConfiguredCa() {
        try (UsersHarness users = UsersHarness.start(redis, Map.of(
                "REDIS_TLS", "true", "REDIS_TLS_CA_FILE", redis.caCertFile().toString()))) {
            String id = users.createUser("Secure", "secure@example.com");
            assertEquals("secure@example.com", json(users.get("/users/" + id)).get("email").asText());
            assertEquals(200, users.get("/health/ready").statusCode());
            assertEquals("1", redis.command("EXISTS", "{users}:user:" + id));
        }
    }

    @Test
    void refusesAServerItDoesNotTrust() {
        // without the CA file the JDK trust store is used, which does not know the throwaway CA
        try (UsersHarness users = UsersHarness.start(redis, Map.of("REDIS_TLS", "true"))) {
            assertEquals(503, users.get("/health/ready").statusCode());
            assertEquals(503, users.post("/users", "{\"name\":\"X\",\"email\":\"x@example.com\"}").statusCode());
        }
    }

    @Test
    void plainTextClientCannotTalkToTheTlsPort() {
        try (UsersHarness users = UsersHarness.start(redis, Map.of("REDIS_TLS", "false"))) {
            assertEquals(503, users.get("/health/ready").statusCode());
        }
    }
}
