package com.usersplatform.gateway.upstream;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.usersplatform.gateway.testing.FreePort;
import com.usersplatform.gateway.testing.SilentServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.helidon.common.uri.UriQuery;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The retry and breaker settings as a client of the gateway experiences them: which calls are retried, when the
 * breaker opens, what the metrics observer is told, and which response headers are dropped.
 */
class UpstreamResilienceTest {
    private static final AtomicInteger FAILING = new AtomicInteger();
    private static WebServer upstream;

    @BeforeAll
    static void start() {
        upstream = WebServer.builder().host("127.0.0.1").port(0).routing(r -> r
                .get("/users/fail", (req, res) -> {
                    FAILING.incrementAndGet();
                    res.status(Status.INTERNAL_SERVER_ERROR_500).send("boom");
                })
                .any((req, res) -> res.header(HeaderNames.CONNECTION, "keep-alive").send("ok"))).build().start();
    }

    @AfterAll
    static void stop() {
        upstream.stop();
    }

    private static UpstreamSettings settings(int port, int attempts, Duration backoff, int window, int minimumCalls) {
        return settings(port, Duration.ofSeconds(5), attempts, backoff, window, minimumCalls);
    }

    private static UpstreamSettings settings(int port, Duration readTimeout, int attempts, Duration backoff,
                                             int window, int minimumCalls) {
        return new UpstreamSettings(URI.create("http://127.0.0.1:" + port), Duration.ofMillis(500), readTimeout,
                attempts, backoff, window, minimumCalls, 50f, Duration.ofSeconds(30));
    }

    private static UpstreamRequest request(Method method, String path) {
        return new UpstreamRequest(method, path, UriQuery.empty(), List.of(), new byte[0]);
    }

    private static long millis(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void refusedIdempotentCallsAreRetriedWithBackoffButAPostFailsAtOnce() {
        UpstreamClient client = new UpstreamClient("users",
                settings(FreePort.find(), 3, Duration.ofMillis(400), 100, 100), (s, m, c, n) -> { }, OpenTelemetry.noop());
        long get = millis(() -> assertEquals(UpstreamFailure.Kind.UNAVAILABLE,
                assertThrows(UpstreamFailure.class, () -> client.forward(request(Method.GET, "/users"))).kind()));
        assertTrue(get >= 800, "3 attempts with 2 pauses of 400 ms, took " + get + " ms");
        long post = millis(() -> assertEquals(UpstreamFailure.Kind.UNAVAILABLE,
                assertThrows(UpstreamFailure.class, () -> client.forward(request(Method.POST, "/users"))).kind()));
        assertTrue(post < 400, "a POST is never retried, took " + post + " ms");
    }

    @Test
    void oneAttemptMeansNoRetry() {
        UpstreamClient client = new UpstreamClient("users",
                settings(FreePort.find(), 1, Duration.ofMillis(600), 100, 100), (s, m, c, n) -> { }, OpenTelemetry.noop());
        long get = millis(() -> assertThrows(UpstreamFailure.class,
                () -> client.forward(request(Method.GET, "/users"))));
        assertTrue(get < 600, "no pause without a second attempt, took " + get + " ms");
    }

    @Test
    void serverErrorsAreNotRetriedAndOpenTheBreakerOnlyOnceMinimumCallsAreReached() {
        UpstreamClient client = new UpstreamClient("users",
                settings(upstream.port(), 3, Duration.ofMillis(10), 4, 4), (s, m, c, n) -> { }, OpenTelemetry.noop());
        int before = FAILING.get();
        for (int i = 0; i < 3; i++) {
            UpstreamFailure failure = assertThrows(UpstreamFailure.class,
                    () -> client.forward(request(Method.GET, "/users/fail")));
            assertEquals(UpstreamFailure.Kind.ERROR, failure.kind());
            assertEquals("users service failed with status 500", failure.getMessage());
            assertEquals(CircuitBreaker.State.CLOSED, client.breakerState(), "judged after 4 calls, not " + (i + 1));
        }
        assertEquals(3, FAILING.get() - before, "a 500 is answered, not retried");
        assertThrows(UpstreamFailure.class, () -> client.forward(request(Method.GET, "/users/fail")));
        assertEquals(CircuitBreaker.State.OPEN, client.breakerState());
        UpstreamFailure open = assertThrows(UpstreamFailure.class, () -> client.forward(request(Method.GET, "/users")));
        assertEquals(UpstreamFailure.Kind.UNAVAILABLE, open.kind());
        assertEquals("users service unavailable (circuit open)", open.getMessage());
    }

    @Test
    void aFailureRateBelowTheThresholdKeepsTheBreakerClosed() {
        UpstreamClient client = new UpstreamClient("users",
                settings(upstream.port(), 1, Duration.ofMillis(10), 4, 4), (s, m, c, n) -> { }, OpenTelemetry.noop());
        for (int i = 0; i < 3; i++) {
            assertEquals(200, client.forward(request(Method.GET, "/users")).status());
        }
        assertThrows(UpstreamFailure.class, () -> client.forward(request(Method.GET, "/users/fail")));
        assertEquals(CircuitBreaker.State.CLOSED, client.breakerState(), "25 % failures < 50 %");
        assertThrows(UpstreamFailure.class, () -> client.forward(request(Method.GET, "/users/fail")));
        assertEquals(CircuitBreaker.State.OPEN, client.breakerState(), "2 of the last 4 = 50 %");
    }

    @Test
    void theObserverIsToldEachOutcomeAndTheTimeSpent() throws Exception {
        record Call(String service, String method, int status, long nanos) {
        }
        List<Call> calls = new CopyOnWriteArrayList<>();
        UpstreamClient client = new UpstreamClient("users", settings(upstream.port(), 1, Duration.ofMillis(10), 100,
                100), (s, m, c, n) -> calls.add(new Call(s, m, c, n)), OpenTelemetry.noop());
        client.forward(request(Method.PUT, "/users/1"));
        assertThrows(UpstreamFailure.class, () -> client.forward(request(Method.GET, "/users/fail")));
        try (SilentServer silent = new SilentServer()) {
            UpstreamClient hung = new UpstreamClient("users", settings(silent.port(), Duration.ofMillis(300), 1,
                    Duration.ofMillis(10), 100, 100), (s, m, c, n) -> calls.add(new Call(s, m, c, n)), OpenTelemetry.noop());
            UpstreamFailure timeout = assertThrows(UpstreamFailure.class,
                    () -> hung.forward(request(Method.GET, "/users")));
            assertEquals("users service did not answer within 300 ms", timeout.getMessage());
        }
        // An upstream 5xx is recorded with its own status (the client gets 502); a timeout as the gateway's 504.
        assertEquals(List.of("users PUT 200", "users GET 500", "users GET 504"),
                calls.stream().map(c -> c.service() + " " + c.method() + " " + c.status()).toList());
        assertTrue(calls.stream().allMatch(c -> c.nanos() > 0));
        assertTrue(calls.get(2).nanos() >= 250_000_000L, "the timeout is part of the time spent");
    }

    @Test
    void connectionHeadersAreDroppedAndHeadAnswersCarryNoBody() {
        UpstreamClient client = new UpstreamClient("users", settings(upstream.port(), 1, Duration.ofMillis(10), 100,
                100), (s, m, c, n) -> { }, OpenTelemetry.noop());
        UpstreamResponse get = client.forward(request(Method.GET, "/users"));
        assertEquals("ok", new String(get.body(), StandardCharsets.UTF_8));
        for (String dropped : List.of("Connection", "Date", "Content-Length")) {
            assertTrue(get.headers().stream().noneMatch(h -> h.name().equalsIgnoreCase(dropped)), dropped);
        }
        assertTrue(get.headers().stream().anyMatch(h -> h.name().equalsIgnoreCase("Content-Type")));
        UpstreamResponse head = client.forward(request(Method.HEAD, "/users"));
        assertEquals(200, head.status());
        assertEquals(0, head.body().length);
    }
}
