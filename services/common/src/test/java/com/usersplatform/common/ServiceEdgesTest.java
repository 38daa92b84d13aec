package com.usersplatform.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.BadRequestException;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Edges of the standard routing over real HTTP: which exceptions become which JSON error, requests Helidon rejects
 * before routing, quiet probe logging, measured durations, a hung health check, and the lifecycle log lines.
 */
class ServiceEdgesTest {
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final HttpMetrics METRICS = new HttpMetrics();
    private static WebServer server;

    @BeforeAll
    static void start() {
        ServiceInfo info = new ServiceInfo("edges", "1");
        Logs.install(info, new PrintStream(LOG, true, StandardCharsets.UTF_8));
        server = WebServer.builder().port(0).shutdownHook(false)
                .update(routing(info, METRICS, Map.of("hung", () -> {
                    Thread.sleep(10_000);
                    return true;
                }, "broken", () -> {
                    throw new IllegalStateException("check failed");
                }), api -> api
                        .get("/conflict", (req, res) -> {
                            throw new HttpException("state conflict", Status.CONFLICT_409);
                        })
                        .get("/bad", (req, res) -> {
                            throw new BadRequestException("nope");
                        })
                        .get("/large", (req, res) -> {
                            throw new HttpException("too big", Status.REQUEST_ENTITY_TOO_LARGE_413);
                        })
                        .get("/media", (req, res) -> {
                            throw new HttpException("xml", Status.UNSUPPORTED_MEDIA_TYPE_415);
                        })
                        .get("/slow", (req, res) -> {
                            Thread.sleep(60);
                            res.send("slow");
                        })))
                .build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void httpExceptionsMapToTheirErrorCodeAndOthersTo500() throws Exception {
        assertError(send("/bad", "r1"), 400, "validation_error", "Bad Request");
        assertError(send("/large", "r2"), 413, "payload_too_large", "Request Entity Too Large");
        assertError(send("/media", "r3"), 415, "unsupported_media_type", "Unsupported Media Type");
        assertError(send("/conflict", "r4"), 500, "internal_server_error", "Internal server error");
    }

    @Test
    void requestsRejectedBeforeRoutingGetAJsonErrorWithTheRequestId() throws Exception {
        WebServer strict = WebServer.builder().port(0).shutdownHook(false)
                .directHandlers(ServiceRouting.directHandlers())
                .update(routing(new ServiceInfo("strict", "1"), new HttpMetrics(), Map.of(), api -> { }))
                .build().start();
        try (Socket socket = new Socket("127.0.0.1", strict.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /a b c HTTP/1.1\r\nHost: x\r\nX-Request-ID: raw-1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(5000);
            String response = read(socket.getInputStream());
            assertTrue(response.startsWith("HTTP/1.1 400"), response);
            assertTrue(response.contains("application/json"), response);
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            JsonNode json = Json.mapper().readTree(body.substring(body.indexOf('{')));
            assertEquals("validation_error", json.get("error").asText());
            assertFalse(json.get("request_id").asText().isEmpty(), body);
        } finally {
            strict.stop();
        }
    }

    @Test
    void probesAreNotAccessLoggedAtInfoButApiCallsAreWithTheirDuration() throws Exception {
        String probe = "probe-" + UUID.randomUUID();
        String slow = "slow-" + UUID.randomUUID();
        assertEquals(200, send("/health/live", probe).statusCode());
        assertEquals(200, send("/slow", slow).statusCode());
        JsonNode line = awaitAccessLine(slow);
        double millis = line.get("duration_ms").asDouble();
        assertTrue(millis >= 60 && millis < 10_000, "duration_ms " + millis);
        assertTrue(accessLine(probe).isEmpty(), "probe logged at INFO: " + LOG);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        METRICS.writeText(out);
        String sum = out.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("http_request_duration_seconds_sum{method=\"GET\",route=\"/slow\""))
                .findFirst().orElseThrow();
        double seconds = Double.parseDouble(sum.substring(sum.lastIndexOf(' ') + 1));
        assertTrue(seconds >= 0.06 && seconds < 10, sum);
    }

    @Test
    void hungAndFailingHealthChecksAreReportedDown() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> ready = send("/health/ready", "hung-1");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(503, ready.statusCode());
        assertEquals("DOWN", Json.mapper().readTree(ready.body()).at("/checks/hung").asText());
        assertEquals("DOWN", Json.mapper().readTree(ready.body()).at("/checks/broken").asText());
        assertTrue(millis < 9_000, "bounded by the check timeout, took " + millis + " ms");
    }

    @Test
    void routeLabelsDropATrailingSlashAndCatchAllsAreUnmatched() {
        assertEquals("/users", RequestFilter.normalize("/users/"));
        assertEquals("/", RequestFilter.normalize("/"));
        assertEquals("/users/{id}", RequestFilter.normalize("/users/{id}"));
        assertEquals(RequestFilter.UNMATCHED_ROUTE, RequestFilter.normalize("/*"));
        assertEquals(RequestFilter.UNMATCHED_ROUTE, RequestFilter.normalize(""));
    }

    @Test
    void errorBodiesCarryTheirContextAndTheBoundRequestId() throws Exception {
        RequestIds.bind("ctx-1");
        try {
            JsonNode body = Json.mapper().readTree(ApiErrors.body("validation_error", "bad email",
                    Map.of("field", "email")));
            assertEquals("email", body.get("field").asText());
            assertEquals("ctx-1", body.get("request_id").asText());
        } finally {
            RequestIds.unbind();
        }
        assertEquals(Optional.empty(), RequestIds.current());
    }

    @Test
    void lifecycleLogsStartAndStopAndClosesEveryResourceEvenAfterAFailure() throws Exception {
        WebServer other = WebServer.builder().port(0).shutdownHook(false)
                .update(routing(new ServiceInfo("x", "1"), new HttpMetrics(), Map.of(), api -> { }))
                .build().start();
        assertSame(other, ServiceLifecycle.started(other));
        JsonNode started = awaitLine("\"message\":\"started\"", "\"port\":" + other.port());
        assertTrue(started.get("startup_ms").asLong() > 0);

        long shuttingDown = count("\"message\":\"shutting down\"");
        long stopped = count("\"message\":\"stopped\"");
        List<String> closed = new ArrayList<>();
        ServiceLifecycle.shutdown(other, List.of(() -> {
            throw new IllegalStateException("close failed");
        }, () -> closed.add("second")));
        assertEquals(List.of("second"), closed);
        assertFalse(other.isRunning());
        assertEquals(shuttingDown + 1, count("\"message\":\"shutting down\""));
        assertEquals(stopped + 1, count("\"message\":\"stopped\""));
    }

    private static long count(String text) {
        return LOG.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(text)).count();
    }

    /** The standard routing with tracing off. */
    private static Consumer<WebServerConfig.Builder> routing(ServiceInfo info, HttpMetrics metrics,
                                                             Map<String, HealthCheck> checks,
                                                             Consumer<HttpRouting.Builder> api) {
        Tracing tracing = Tracing.create(info, Tracing.Role.EDGE, TracingSettings.disabled(), metrics, List.of());
        return ServiceRouting.create(info, metrics, tracing, checks, api);
    }

    private static void assertError(HttpResponse<String> res, int status, String code, String message)
            throws Exception {
        assertEquals(status, res.statusCode(), res.body());
        JsonNode body = Json.mapper().readTree(res.body());
        assertEquals(code, body.get("error").asText());
        assertEquals(message, body.get("message").asText());
    }

    private static HttpResponse<String> send(String path, String requestId) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("X-Request-ID", requestId).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<JsonNode> accessLine(String requestId) {
        return LOG.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("\"request_id\":\"" + requestId + "\"") && l.contains("status_code"))
                .findFirst().map(ServiceEdgesTest::parse);
    }

    private static JsonNode awaitAccessLine(String requestId) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Optional<JsonNode> line = accessLine(requestId);
            if (line.isPresent()) {
                return line.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no access log line for " + requestId + " in:\n" + LOG);
    }

    private static JsonNode awaitLine(String... parts) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Optional<JsonNode> line = LOG.toString(StandardCharsets.UTF_8).lines()
                    .filter(l -> List.of(parts).stream().allMatch(l::contains)).findFirst()
                    .map(ServiceEdgesTest::parse);
            if (line.isPresent()) {
                return line.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no log line with " + List.of(parts) + " in:\n" + LOG);
    }

    private static JsonNode parse(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static String read(InputStream in) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        int n;
        try {
            while ((n = in.read(chunk)) > 0) {
                buffer.write(chunk, 0, n);
                if (buffer.toString(StandardCharsets.UTF_8).contains("}")) {
                    break;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            // whatever arrived is the answer
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
