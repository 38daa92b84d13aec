package com.usersplatform.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Method;
import io.helidon.webserver.WebServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ServiceRoutingTest {
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static final AtomicBoolean DEPENDENCY_UP = new AtomicBoolean(true);
    private static final AtomicBoolean FRESH = new AtomicBoolean(true);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static WebServer server;

    @BeforeAll
    static void start() {
        ServiceInfo info = new ServiceInfo("demo", "1.2.3");
        Logs.install(info, new PrintStream(LOG, true, StandardCharsets.UTF_8));
        Map<String, HealthCheck> checks = new LinkedHashMap<>();
        checks.put("dependency", DEPENDENCY_UP::get);
        checks.put("freshness", HealthCheck.advisory("STALE", FRESH::get));
        checks.put("slow", () -> {
            Thread.sleep(100);
            return true;
        });
        HttpMetrics metrics = new HttpMetrics();
        Tracing tracing = Tracing.create(info, Tracing.Role.EDGE, TracingSettings.disabled(), metrics, List.of());
        server = WebServer.builder().port(0).shutdownHook(false)
                .update(ServiceRouting.create(info, metrics, tracing, checks, api -> api
                        .get("/items/{id}", (req, res) -> res.send("item " + req.path().pathParameters().get("id")))
                        .get("/boom", (req, res) -> {
                            throw new IllegalStateException("secret internal detail");
                        })
                        .any("/items/{id}", ApiErrors.methodNotAllowed(Method.GET))))
                .build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void echoesSafeRequestIdAndReplacesUnsafeOne() throws Exception {
        HttpResponse<String> kept = send("GET", "/items/1", "X-Request-ID", "abc-123_X.y:z");
        assertEquals("abc-123_X.y:z", kept.headers().firstValue("X-Request-ID").orElseThrow());

        for (String bad : List.of("has space", "x".repeat(129), "quote\"inject", "new\\line")) {
            HttpResponse<String> replaced = send("GET", "/items/1", "X-Request-ID", bad);
            String id = replaced.headers().firstValue("X-Request-ID").orElseThrow();
            assertNotEquals(bad, id);
            assertEquals(7, UUID.fromString(id).version(), id); // a generated, time-ordered id
        }
        assertTrue(send("GET", "/items/1").headers().firstValue("X-Request-ID").isPresent());
    }

    @Test
    void setsSecurityHeadersOnEveryResponse() throws Exception {
        for (String path : List.of("/items/1", "/nope", "/health")) {
            HttpResponse<String> res = send("GET", path);
            assertEquals("nosniff", res.headers().firstValue("X-Content-Type-Options").orElse(null), path);
            assertEquals("DENY", res.headers().firstValue("X-Frame-Options").orElse(null), path);
            assertTrue(res.headers().firstValue("Content-Security-Policy").isPresent(), path);
        }
    }

    @Test
    void unknownRouteIsJson404AndWrongMethodIsJson405() throws Exception {
        HttpResponse<String> notFound = send("GET", "/nope", "X-Request-ID", "rid-404");
        assertEquals(404, notFound.statusCode());
        JsonNode body = json(notFound);
        assertEquals("not_found", body.get("error").asText());
        assertEquals("rid-404", body.get("request_id").asText());
        assertTrue(body.get("message").asText().contains("/nope"));

        HttpResponse<String> wrongMethod = send("DELETE", "/items/7");
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("method_not_allowed", json(wrongMethod).get("error").asText());
        assertEquals("GET", wrongMethod.headers().firstValue("Allow").orElse(null));
    }

    @Test
    void unexpectedExceptionIsJson500WithoutDetails() throws Exception {
        HttpResponse<String> res = send("GET", "/boom");
        assertEquals(500, res.statusCode());
        assertEquals("internal_server_error", json(res).get("error").asText());
        assertFalse(res.body().contains("secret internal detail"));
        assertFalse(res.body().contains("IllegalStateException"));
    }

    @Test
    void healthReportsNamedChecks() throws Exception {
        assertEquals(200, send("GET", "/health/live").statusCode());
        HttpResponse<String> ready = send("GET", "/health/ready");
        assertEquals(200, ready.statusCode());
        assertEquals("UP", json(ready).at("/checks/dependency").asText());

        DEPENDENCY_UP.set(false);
        try {
            HttpResponse<String> down = send("GET", "/health/ready");
            assertEquals(503, down.statusCode());
            assertEquals("DOWN", json(down).get("status").asText());
            assertEquals("DOWN", json(down).at("/checks/dependency").asText());
            assertEquals("UP", json(down).at("/checks/slow").asText());
            HttpResponse<String> summary = send("GET", "/health");
            assertEquals(503, summary.statusCode());
            assertEquals("demo", json(summary).get("service").asText());
            assertEquals(200, send("GET", "/health/live").statusCode());
        } finally {
            DEPENDENCY_UP.set(true);
        }
        assertEquals(200, send("GET", "/health").statusCode());
    }

    @Test
    void anAdvisoryCheckReportsItsWordWithoutTakingTheServiceOutOfReadiness() throws Exception {
        assertEquals("UP", json(send("GET", "/health/ready")).at("/checks/freshness").asText());
        FRESH.set(false);
        try {
            HttpResponse<String> stale = send("GET", "/health/ready");
            assertEquals(200, stale.statusCode(), stale.body());
            assertEquals("UP", json(stale).get("status").asText());
            assertEquals("STALE", json(stale).at("/checks/freshness").asText());
            DEPENDENCY_UP.set(false);
            HttpResponse<String> down = send("GET", "/health/ready");
            assertEquals(503, down.statusCode(), down.body());
            assertEquals("STALE", json(down).at("/checks/freshness").asText());
        } finally {
            FRESH.set(true);
            DEPENDENCY_UP.set(true);
        }
    }

    @Test
    void metricsUseRouteTemplates() throws Exception {
        send("GET", "/items/42");
        send("GET", "/items/43");
        send("GET", "/nope/123");
        HttpResponse<String> res = send("GET", "/metrics");
        assertEquals(200, res.statusCode());
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String text = res.body();
        assertTrue(text.contains("http_requests_total{method=\"GET\",route=\"/items/{id}\",status_code=\"200\"}"),
                text);
        assertTrue(text.contains("http_request_duration_seconds_bucket{method=\"GET\",route=\"/items/{id}\""), text);
        assertTrue(text.contains("route=\"unmatched\",status_code=\"404\""), text);
        assertFalse(text.contains("/items/42"));
        assertFalse(text.contains("/nope/123"));
        assertTrue(text.contains("jvm_memory_used_bytes"), "JVM metrics present");
    }

    @Test
    void accessLogsAreJsonLinesWithRequestId() throws Exception {
        send("GET", "/items/9", "X-Request-ID", "log-check-1");
        JsonNode line = awaitLogLine("log-check-1");
        assertEquals("INFO", line.get("level").asText());
        assertEquals("demo", line.get("service").asText());
        assertEquals("1.2.3", line.get("version").asText());
        assertEquals("log-check-1", line.get("request_id").asText());
        assertEquals("GET", line.get("method").asText());
        assertEquals("/items/{id}", line.get("route").asText());
        assertEquals(200, line.get("status_code").asInt());
        assertTrue(line.get("duration_ms").isNumber());
        assertTrue(line.hasNonNull("timestamp"));
        for (String l : LOG.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!l.isBlank()) {
                parse(l); // every line is one JSON object
            }
        }
    }

    /** The access log line is written right after the response, so it may trail the client by a moment. */
    private static JsonNode awaitLogLine(String requestId) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var line = Arrays.stream(LOG.toString(StandardCharsets.UTF_8).split("\n"))
                    .filter(l -> l.contains(requestId) && l.contains("status_code")).findFirst();
            if (line.isPresent()) {
                return parse(line.get());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("No access log line for " + requestId + " in:\n" + LOG);
    }

    private static HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> res) {
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return parse(res.body());
    }

    private static JsonNode parse(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + text, e);
        }
    }
}
