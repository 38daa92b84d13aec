package com.usersplatform.gateway;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.usersplatform.gateway.testing.FreePort;
import com.usersplatform.gateway.testing.RawHttp;
import com.usersplatform.gateway.testing.SilentServer;
import com.usersplatform.gateway.testing.TestGateway;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's own behaviour over real HTTP, in front of a small recording upstream (the users service itself is
 * exercised in {@code GatewayUsersIT}): authentication, limits, headers, health and metrics.
 */
class GatewayRoutingTest {
    private static final AtomicInteger HITS = new AtomicInteger();
    private static final AtomicReference<String> LAST = new AtomicReference<>();
    private static WebServer upstream;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        upstream = WebServer.builder().host("127.0.0.1").port(0).routing(r -> r
                .get("/health/ready", (req, res) -> res.send("{\"status\":\"UP\"}"))
                .any((req, res) -> {
                    HITS.incrementAndGet();
                    LAST.set(req.prologue().method().text() + " " + req.prologue().uriPath().rawPath()
                            + " rid=" + req.headers().first(HeaderNames.create("X-Request-ID")).orElse("-")
                            + " xff=" + req.headers().first(HeaderNames.X_FORWARDED_FOR).orElse("-")
                            + " auth=" + req.headers().first(HeaderNames.AUTHORIZATION).orElse("-")
                            + " key=" + req.headers().first(HeaderNames.create("X-API-Key")).orElse("-"));
                    // users' own copies of the edge's headers, with other values, and a header of its own
                    res.header(HeaderNames.CONTENT_TYPE, "application/json")
                            .header("X-Frame-Options", "SAMEORIGIN")
                            .header("X-Request-ID", "upstream-id")
                            .header("Cache-Control", "private, max-age=5")
                            .header("X-Total-Count", "0")
                            .send("[]");
                })).build().start();
        gateway = TestGateway.start("http://127.0.0.1:" + upstream.port(), Map.of(
                "body.limit.bytes", "1024"));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        upstream.stop();
    }

    @Test
    void forwardsWithRequestIdAndForwardedForButNeverTheCredentials() {
        HttpResponse<String> response = gateway.send("GET", "/api/users/abc", null,
                "Authorization", "Bearer " + TestGateway.KEY, "X-Request-ID", "client-id-1",
                "X-Forwarded-For", "203.0.113.9");
        assertEquals(200, response.statusCode());
        assertEquals("client-id-1", response.headers().firstValue("X-Request-ID").orElseThrow());
        assertEquals("GET /users/abc rid=client-id-1 xff=203.0.113.9, 127.0.0.1 auth=- key=-", LAST.get());
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElseThrow());
        HttpResponse<String> head = gateway.send("HEAD", "/api/users/abc", null, "X-API-Key", TestGateway.KEY);
        assertEquals(200, head.statusCode());
        assertEquals("HEAD /users/abc", LAST.get().substring(0, 15));
    }

    @Test
    void theEdgeKeepsItsRequestIdAndSecurityPolicyWhileUsersDescribesTheResource() {
        HttpResponse<String> response = gateway.send("GET", "/api/users", null,
                "X-API-Key", TestGateway.KEY, "X-Request-ID", "client-id-2");
        assertEquals(200, response.statusCode());
        assertEquals(List.of("client-id-2"), response.headers().allValues("X-Request-ID"));
        assertEquals(List.of("DENY"), response.headers().allValues("X-Frame-Options"));
        assertEquals(List.of("private, max-age=5"), response.headers().allValues("Cache-Control"));
        assertEquals(List.of("0"), response.headers().allValues("X-Total-Count"));
        assertEquals(List.of("application/json"), response.headers().allValues("Content-Type"));
    }

    @Test
    void missingWrongOrMalformedKeysGet401AndNeverReachUpstream() {
        int before = HITS.get();
        for (String[] headers : List.of(new String[0],
                new String[] {"X-API-Key", "wrong"},
                new String[] {"Authorization", "Bearer wrong"},
                new String[] {"Authorization", "Basic " + TestGateway.KEY},
                new String[] {"X-API-Key", TestGateway.sha256Hex(TestGateway.KEY)})) {
            HttpResponse<String> response = gateway.send("GET", "/api/users", null, headers);
            assertEquals(401, response.statusCode(), String.join(" ", headers));
            assertTrue(response.body().contains("\"error\":\"unauthorized\""), response.body());
            assertTrue(response.body().contains("\"request_id\":\""), response.body());
        }
        assertEquals(before, HITS.get());
        assertEquals(200, gateway.send("GET", "/api/users", null, "authorization", "bearer " + TestGateway.KEY)
                .statusCode());
    }

    @Test
    void healthAndMetricsNeedNoKey() {
        assertEquals(200, gateway.send("GET", "/health/live", null).statusCode());
        HttpResponse<String> ready = gateway.send("GET", "/health/ready", null);
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"users\":\"UP\""), ready.body());
        HttpResponse<String> health = gateway.send("GET", "/health", null);
        assertTrue(health.body().contains("\"service\":\"gateway\""), health.body());
        gateway.api("GET", "/api/users", null);
        String metrics = gateway.send("GET", "/metrics", null).body();
        assertTrue(metrics.contains("upstream_request_duration_seconds_bucket{method=\"GET\",service=\"users\","
                + "status_code=\"200\""), metrics);
        assertTrue(metrics.contains("circuit_breaker_state{service=\"users\",state=\"closed\"} 1"), metrics);
        assertTrue(metrics.contains("rate_limiter_rejected_total"), metrics);
        assertTrue(metrics.contains("api_keys_loaded 1"), metrics);
        assertTrue(metrics.contains("http_requests_total{method=\"GET\",route=\"/api/users\",status_code=\"200\"}"),
                metrics);
    }

    @Test
    void oversizedBodiesGet413WhetherDeclaredOrStreamed() {
        int before = HITS.get();
        HttpResponse<String> declared = gateway.api("POST", "/api/users", "x".repeat(1025));
        assertEquals(413, declared.statusCode());
        assertTrue(declared.body().contains("\"error\":\"payload_too_large\""), declared.body());
        String chunk = Integer.toHexString(2000) + "\r\n" + "y".repeat(2000) + "\r\n0\r\n\r\n";
        int streamed = RawHttp.status(gateway.port(), ("POST /api/users HTTP/1.1\r\nHost: x\r\nX-API-Key: "
                + TestGateway.KEY + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n" + chunk).getBytes());
        assertEquals(413, streamed);
        assertEquals(before, HITS.get());
        assertEquals(200, gateway.api("POST", "/api/users", "{\"a\":\"" + "x".repeat(1000) + "\"}").statusCode());
    }

    @Test
    void truncatedOrLyingBodiesGet400NotA5xx() {
        String head = "POST /api/users HTTP/1.1\r\nHost: x\r\nX-API-Key: " + TestGateway.KEY
                + "\r\nContent-Type: application/json\r\nConnection: close\r\n";
        int before = HITS.get();
        assertEquals(400, RawHttp.status(gateway.port(), (head + "Transfer-Encoding: chunked\r\n\r\n").getBytes()));
        assertEquals(400, RawHttp.status(gateway.port(), (head + "Transfer-Encoding: chunked\r\n\r\nzz\r\n")
                .getBytes()));
        assertEquals(400, RawHttp.status(gateway.port(), (head + "Content-Length: 100\r\n\r\n{}").getBytes()));
        assertEquals(before, HITS.get());
    }

    @Test
    void nonJsonBodiesGet415() {
        HttpResponse<String> response = gateway.send("PUT", "/api/users/1", "name=x",
                "X-API-Key", TestGateway.KEY, "Content-Type", "application/x-www-form-urlencoded");
        assertEquals(415, response.statusCode());
        assertTrue(response.body().contains("\"error\":\"unsupported_media_type\""), response.body());
        assertEquals(200, gateway.send("PUT", "/api/users/1", "{}", "X-API-Key", TestGateway.KEY,
                "Content-Type", "application/merge-patch+json; charset=utf-8").statusCode());
    }

    @Test
    void keyFileChangesApplyWithoutRestart() throws Exception {
        try (TestGateway own = TestGateway.start("http://127.0.0.1:" + upstream.port(), Map.of())) {
            String added = "rotated-key-42";
            Files.writeString(own.keysFile(), TestGateway.sha256Hex(added) + "\n");
            long deadline = System.currentTimeMillis() + 3000;
            while (own.send("GET", "/api/users", null, "X-API-Key", added).statusCode() != 200
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(200, own.send("GET", "/api/users", null, "X-API-Key", added).statusCode());
            assertEquals(401, own.send("GET", "/api/users", null, "X-API-Key", TestGateway.KEY).statusCode());
        }
    }

    @Test
    void overTheRateLimitGets429WithRetryAfter() throws Exception {
        try (TestGateway limited = TestGateway.start("http://127.0.0.1:" + upstream.port(),
                Map.of("rate.limit.rps", "1", "rate.limit.burst", "3"))) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, limited.api("GET", "/api/users", null).statusCode());
            }
            int before = HITS.get();
            HttpResponse<String> limitedResponse = limited.api("GET", "/api/users", null);
            assertEquals(429, limitedResponse.statusCode());
            assertEquals("1", limitedResponse.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(limitedResponse.body().contains("\"error\":\"rate_limited\""));
            assertEquals(before, HITS.get());
            assertTrue(limited.send("GET", "/metrics", null).body().contains("rate_limiter_rejected_total 1.0"));
        }
    }

    @Test
    void hangingUpstreamGives504WithinTheConfiguredReadTimeout() throws Exception {
        try (SilentServer hanging = new SilentServer();
             TestGateway front = TestGateway.start("http://127.0.0.1:" + hanging.port(),
                     Map.of("upstream.read.timeout.ms", "400"))) {
            for (String method : List.of("GET", "POST")) {
                long start = System.nanoTime();
                HttpResponse<String> response = front.api(method, "/api/users", "GET".equals(method) ? null : "{}");
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals(504, response.statusCode(), response.body());
                assertTrue(response.body().contains("\"error\":\"upstream_timeout\""), response.body());
                assertTrue(millis >= 400 && millis < 900, method + " answered in " + millis + " ms");
            }
            assertEquals(2, hanging.connections(), "timed-out requests are not retried");
        }
    }

    @Test
    void usersDownGives503FastAndNotReady() throws Exception {
        try (TestGateway orphan = TestGateway.start("http://127.0.0.1:" + FreePort.find(), Map.of())) {
            for (int i = 0; i < 10; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = orphan.api("GET", "/api/users", null);
                assertEquals(Status.SERVICE_UNAVAILABLE_503.code(), response.statusCode());
                assertTrue(response.body().contains("\"error\":\"upstream_unavailable\""), response.body());
                assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
                assertTrue(System.nanoTime() - start < 1_000_000_000L);
            }
            HttpResponse<String> ready = orphan.send("GET", "/health/ready", null);
            assertEquals(503, ready.statusCode());
            assertTrue(ready.body().contains("\"users\":\"DOWN\""), ready.body());
            assertTrue(orphan.send("GET", "/metrics", null).body()
                    .contains("circuit_breaker_state{service=\"users\",state=\"open\"} 1"));
        }
    }

    @Test
    void aGatewayThatCannotBindItsPortFailsToStart() throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                    () -> TestGateway.start("http://127.0.0.1:" + FreePort.find(),
                            Map.of("server.port", Integer.toString(busy.getLocalPort()))));
            assertTrue(e.getMessage().contains(Integer.toString(busy.getLocalPort())), e.getMessage());
        }
    }
}
