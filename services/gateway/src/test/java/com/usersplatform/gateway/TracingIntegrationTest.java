package com.usersplatform.gateway;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.usersplatform.common.Json;
import com.usersplatform.common.TracingSettings;
import com.usersplatform.gateway.testing.LogCapture;
import com.usersplatform.gateway.testing.TestGateway;
import com.usersplatform.gateway.testing.TestUsers;
import com.usersplatform.testing.RedisServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One request through the real gateway, users and redis-server, each service exporting its spans to memory: the
 * spans form one trace (gateway server -> gateway client -> users server -> Redis) and both services' log lines
 * carry its id.
 */
class TracingIntegrationTest {
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String CLIENT_SPAN = "b7ad6b7169203331";
    private final InMemorySpanExporter gatewaySpans = InMemorySpanExporter.create();
    private final InMemorySpanExporter usersSpans = InMemorySpanExporter.create();
    private LogCapture logs;
    private RedisServer redis;
    private TestUsers users;
    private TestGateway gateway;

    @BeforeEach
    void startRedis() {
        logs = LogCapture.install();
        redis = RedisServer.start();
    }

    /** Starts both services sampling {@code ratio} of the traces. */
    private void start(double ratio) {
        users = TestUsers.start(redis, 0, new TracingSettings(Optional.empty(), ratio, 2048, Duration.ofSeconds(5),
                false), List.of(usersSpans));
        gateway = TestGateway.start(users.url(), Map.of("tracing.sampling.ratio", Double.toString(ratio)),
                List.of(gatewaySpans));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : new AutoCloseable[] {gateway, users, redis}) {
            if (resource != null) {
                resource.close();
            }
        }
    }

    @Test
    void oneRequestIsOneTraceAcrossBothServicesDownToRedisAndInBothServicesLogs() throws Exception {
        start(1.0);
        String id = createUser();
        // The create's spans end just after its responses: wait for them before clearing, so none arrives late.
        await(gatewaySpans, s -> s.getName().equals("POST /api/users"));
        await(usersSpans, s -> s.getName().equals("POST /users"));
        gatewaySpans.reset();
        usersSpans.reset();
        String rid = "trace-" + UUID.randomUUID();
        HttpResponse<String> res = gateway.api("GET", "/api/users/" + id, null,
                "traceparent", "00-" + TRACE + "-" + CLIENT_SPAN + "-01", "X-Request-ID", rid);
        assertEquals(200, res.statusCode(), res.body());

        SpanData gatewayServer = await(gatewaySpans, s -> s.getKind() == SpanKind.SERVER);
        SpanData gatewayClient = await(gatewaySpans, s -> s.getKind() == SpanKind.CLIENT);
        SpanData usersServer = await(usersSpans, s -> s.getKind() == SpanKind.SERVER);
        SpanData redisOperation = await(usersSpans, s -> s.getKind() == SpanKind.CLIENT);
        for (SpanData span : List.of(gatewayServer, gatewayClient, usersServer, redisOperation)) {
            assertEquals(TRACE, span.getTraceId(), span.toString());
        }
        assertEquals(2, gatewaySpans.getFinishedSpanItems().size(), "server and client span of the gateway");
        assertEquals(2, usersSpans.getFinishedSpanItems().size(), "server span and one Redis span in users");
        assertEquals(CLIENT_SPAN, gatewayServer.getParentSpanId());
        assertEquals(gatewayServer.getSpanId(), gatewayClient.getParentSpanId());
        assertEquals(gatewayClient.getSpanId(), usersServer.getParentSpanId());
        assertEquals(usersServer.getSpanId(), redisOperation.getParentSpanId());

        assertEquals("GET /api/users/{id}", gatewayServer.getName());
        assertEquals("GET /users/{id}", usersServer.getName());
        assertEquals("redis get", redisOperation.getName());
        assertEquals(rid, gatewayServer.getAttributes().get(AttributeKey.stringKey("request.id")));
        assertEquals(rid, usersServer.getAttributes().get(AttributeKey.stringKey("request.id")));
        assertEquals("closed", gatewayClient.getAttributes().get(AttributeKey.stringKey("circuit_breaker.state")));
        assertFalse(redisOperation.getAttributes().asMap().values().stream()
                .anyMatch(value -> String.valueOf(value).contains(id)), "no key or value on the Redis span");

        List<JsonNode> access = accessLines(rid, 2);
        assertEquals(List.of(TRACE, TRACE), access.stream().map(line -> line.path("trace_id").asText()).toList());
        // Each service's access line carries its own server span (the two lines may come in either order).
        assertEquals(java.util.Set.of(usersServer.getSpanId(), gatewayServer.getSpanId()),
                access.stream().map(line -> line.path("span_id").asText()).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void withoutTraceparentTheGatewayStartsATraceThatUsersContinues() throws Exception {
        start(1.0);
        HttpResponse<String> res = gateway.api("GET", "/api/users?limit=1", null);
        assertEquals(200, res.statusCode());
        SpanData gatewayServer = await(gatewaySpans, s -> s.getKind() == SpanKind.SERVER);
        SpanData usersServer = await(usersSpans, s -> s.getKind() == SpanKind.SERVER);
        assertFalse(gatewayServer.getParentSpanContext().isValid(), "a new trace");
        assertEquals(gatewayServer.getTraceId(), usersServer.getTraceId());
    }

    @Test
    void malformedTraceparentStartsANewTraceAndTheRequestSucceeds() throws Exception {
        start(1.0);
        HttpResponse<String> res = gateway.api("GET", "/api/users?limit=1", null,
                "traceparent", "00-" + TRACE + "-not-a-span-id-01", "tracestate", "=garbage,,");
        assertEquals(200, res.statusCode(), res.body());
        SpanData gatewayServer = await(gatewaySpans, s -> s.getKind() == SpanKind.SERVER);
        SpanData usersServer = await(usersSpans, s -> s.getKind() == SpanKind.SERVER);
        assertNotEquals(TRACE, gatewayServer.getTraceId());
        assertFalse(gatewayServer.getParentSpanContext().isValid());
        assertEquals(gatewayServer.getTraceId(), usersServer.getTraceId());
    }

    @Test
    void samplingRatioZeroExportsNothingYetBothServicesLogTheTraceId() throws Exception {
        start(0.0);
        String rid = "unsampled-" + UUID.randomUUID();
        HttpResponse<String> res = gateway.api("GET", "/api/users?limit=1", null,
                "traceparent", "00-" + TRACE + "-" + CLIENT_SPAN + "-01", "X-Request-ID", rid);
        assertEquals(200, res.statusCode());
        List<JsonNode> access = accessLines(rid, 2);
        assertEquals(List.of(TRACE, TRACE), access.stream().map(line -> line.path("trace_id").asText()).toList());
        gateway.flushSpans();
        users.flushSpans();
        assertEquals(List.of(), gatewaySpans.getFinishedSpanItems());
        assertEquals(List.of(), usersSpans.getFinishedSpanItems());
    }

    @Test
    void anUnreachableCollectorFailsNoRequestAndTheGatewayCountsTheLostSpans() throws Exception {
        users = TestUsers.start(redis, 0);
        gateway = TestGateway.start(users.url(), Map.of("tracing.otlp.endpoint",
                "http://127.0.0.1:" + com.usersplatform.gateway.testing.FreePort.find(),
                "tracing.export.timeout.ms", "2000"));
        for (int i = 0; i < 3; i++) {
            assertEquals(200, gateway.api("GET", "/api/users?limit=1", null).statusCode());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String metrics = gateway.send("GET", "/metrics", null).body();
        // 3 requests x (server + client span), lost once the exporter has given up on the closed port.
        while (!metrics.contains("tracing_spans_export_failed_total 6.0") && System.nanoTime() < deadline) {
            gateway.flushSpans();
            metrics = gateway.send("GET", "/metrics", null).body();
        }
        assertTrue(metrics.contains("tracing_spans_export_failed_total 6.0"), metrics);
        assertTrue(metrics.contains("tracing_spans_exported_total 0.0"), metrics);
    }

    private String createUser() {
        HttpResponse<String> created = gateway.api("POST", "/api/users",
                "{\"name\":\"Grace\",\"email\":\"grace-" + UUID.randomUUID() + "@example.com\"}");
        assertEquals(201, created.statusCode(), created.body());
        Matcher m = ID.matcher(created.body());
        assertTrue(m.find(), created.body());
        return m.group(1);
    }

    /** The first span matching {@code test}: spans end just after their response is sent, so they may lag. */
    private static SpanData await(InMemorySpanExporter spans, Predicate<SpanData> test) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        do {
            Optional<SpanData> found = spans.getFinishedSpanItems().stream().filter(test).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(10);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no such span in " + spans.getFinishedSpanItems());
    }

    /** The {@code count} access log lines of {@code requestId}, in the order they were written. */
    private List<JsonNode> accessLines(String requestId, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<JsonNode> lines;
        do {
            lines = logs.linesContaining(requestId).stream().map(TracingIntegrationTest::json)
                    .filter(line -> "access".equals(line.path("logger").asText())).toList();
            if (lines.size() >= count) {
                return lines;
            }
            Thread.sleep(10);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(count + " access lines expected: " + lines);
    }

    private static JsonNode json(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (java.io.IOException e) {
            throw new AssertionError(line, e);
        }
    }
}
