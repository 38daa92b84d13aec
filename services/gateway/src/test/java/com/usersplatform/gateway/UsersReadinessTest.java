package com.usersplatform.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway's readiness check against a real HTTP server standing in for users' {@code /health/ready}. */
class UsersReadinessTest {

    @Test
    void upOnlyWhileUsersAnswersItsReadinessWith200() throws Exception {
        AtomicInteger status = new AtomicInteger(200);
        WebServer users = WebServer.builder().host("127.0.0.1").port(0).routing(r -> r
                .get("/health/ready", (req, res) -> res.status(Status.create(status.get())).send("{}")))
                .build().start();
        UsersReadiness readiness = new UsersReadiness(URI.create("http://127.0.0.1:" + users.port()),
                Duration.ofSeconds(2));
        try {
            assertTrue(readiness.isUp());
            status.set(503);
            assertFalse(readiness.isUp(), "users not ready");
            status.set(204);
            assertFalse(readiness.isUp(), "only 200 means ready");
            status.set(200);
            assertTrue(readiness.isUp());
        } finally {
            users.stop();
        }
        assertThrows(java.io.IOException.class, readiness::isUp, "users gone");
    }
}
