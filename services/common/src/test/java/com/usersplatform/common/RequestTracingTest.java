package com.usersplatform.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.WebServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server span of {@link RequestFilter}, trace ids in log lines, exemplars and export counting. */
class RequestTracingTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private HttpMetrics metrics;
    private Tracing tracing;
    private WebServer server;

    private void start(TracingSettings settings, List<InMemorySpanExporter> exporters) {
        ServiceInfo info = new ServiceInfo("demo", "1");
        Logs.install(info, new PrintStream(log, true, StandardCharsets.UTF_8));
        metrics = new HttpMetrics();
        tracing = Tracing.create(info, Tracing.Role.EDGE, settings, metrics, List.copyOf(exporters));
        server = WebServer.builder().port(0).host("127.0.0.1").shutdownHook(false)
                .update(ServiceRouting.create(info, metrics, tracing, Map.of(),
                        api -> api.get("/items/{id}", (req, res) -> res.send("item"))))
                .build().start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
            tracing.close();
        }
    }

    @Test
    void continuesTheCallersTraceInAServerSpanNamedByRoute() throws Exception {
        start(TracingSettings.disabled(), List.of(spans));
        HttpResponse<String> res = get("/items/7", "traceparent", "00-" + TRACE + "-" + PARENT + "-01",
                "X-Request-ID", "rid-1");
        assertEquals(200, res.statusCode());
        SpanData span = single();
        assertEquals(TRACE, span.getTraceId());
        assertEquals(PARENT, span.getParentSpanId());
        assertEquals(SpanKind.SERVER, span.getKind());
        assertEquals("GET /items/{id}", span.getName());
        assertEquals("/items/{id}", span.getAttributes().get(AttributeKey.stringKey("http.route")));
        assertEquals(200L, span.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
        assertEquals("GET", span.getAttributes().get(AttributeKey.stringKey("http.request.method")));
        assertEquals("rid-1", span.getAttributes().get(RequestFilter.REQUEST_ID));
        JsonNode access = accessLine("rid-1");
        assertEquals(TRACE, access.path("trace_id").asText());
        assertEquals(span.getSpanId(), access.path("span_id").asText());
    }

    @Test
    void withoutTraceparentStartsANewTrace() throws Exception {
        start(TracingSettings.disabled(), List.of(spans));
        assertEquals(200, get("/items/1", "X-Request-ID", "rid-2").statusCode());
        SpanData span = single();
        assertTrue(span.getSpanContext().isValid());
        assertFalse(span.getParentSpanContext().isValid());
        assertEquals(span.getTraceId(), accessLine("rid-2").path("trace_id").asText());
    }

    @Test
    void malformedTraceparentIsIgnoredNeverAnError() throws Exception {
        start(TracingSettings.disabled(), List.of(spans));
        HttpResponse<String> res = get("/items/1", "traceparent", "00-" + TRACE + "-zz-01;drop table",
                "tracestate", "=,bad key=,,", "X-Request-ID", "rid-3");
        assertEquals(200, res.statusCode());
        SpanData span = single();
        assertNotEquals(TRACE, span.getTraceId());
        assertFalse(span.getParentSpanContext().isValid());
    }

    @Test
    void ratioZeroExportsNothingButLogsStillCarryTheTraceId() throws Exception {
        start(new TracingSettings(Optional.empty(), 0.0, 16, Duration.ofSeconds(1), false), List.of(spans));
        get("/items/1", "traceparent", "00-" + TRACE + "-" + PARENT + "-01", "X-Request-ID", "rid-4");
        assertEquals(TRACE, accessLine("rid-4").path("trace_id").asText());
        tracing.flush();
        assertEquals(List.of(), spans.getFinishedSpanItems());
    }

    @Test
    void withoutAnyExporterNothingIsRecordedButIdsArePropagatedToLogs() throws Exception {
        start(TracingSettings.disabled(), List.of());
        get("/items/1", "traceparent", "00-" + TRACE + "-" + PARENT + "-01", "X-Request-ID", "rid-5");
        assertEquals(TRACE, accessLine("rid-5").path("trace_id").asText());
        assertFalse(scrape(null).contains("trace_id"));
    }

    @Test
    void latencyHistogramCarriesTheTraceIdAsExemplarInOpenMetricsOnly() throws Exception {
        start(TracingSettings.disabled(), List.of(spans));
        get("/items/1", "traceparent", "00-" + TRACE + "-" + PARENT + "-01");
        single();
        String open = scrape("application/openmetrics-text; version=1.0.0");
        assertTrue(open.lines().anyMatch(line -> line.startsWith("http_request_duration_seconds_bucket{")
                && line.contains("route=\"/items/{id}\"") && line.contains("trace_id=\"" + TRACE + "\"")), open);
        assertTrue(open.endsWith("# EOF\n"), "OpenMetrics ends with # EOF");
        String text = scrape(null);
        assertFalse(text.contains("# {"), "the 0.0.4 text format carries no exemplars");
        assertFalse(text.contains("# EOF"));
        assertTrue(text.contains("http_requests_total{method=\"GET\",route=\"/items/{id}\",status_code=\"200\"} 1"),
                text);
    }

    @Test
    void unreachableCollectorNeverFailsARequestAndIsCounted() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        start(new TracingSettings(Optional.of(URI.create("http://127.0.0.1:" + closedPort)), 1.0, 16,
                Duration.ofSeconds(2), false), List.of());
        for (int i = 0; i < 3; i++) {
            assertEquals(200, get("/items/" + i).statusCode());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String text = scrape(null);
        while (!text.contains("tracing_spans_export_failed_total 3.0") && System.nanoTime() < deadline) {
            tracing.flush();
            Thread.sleep(200);
            text = scrape(null);
        }
        assertTrue(text.contains("tracing_spans_export_failed_total 3.0"), text);
        assertTrue(text.contains("tracing_spans_exported_total 0.0"), text);
    }

    @Test
    void spanLogWritesEachSpanAsOneJsonLineWithItsIds() throws Exception {
        start(new TracingSettings(Optional.empty(), 1.0, 16, Duration.ofSeconds(1), true), List.of());
        get("/items/1", "traceparent", "00-" + TRACE + "-" + PARENT + "-01", "X-Request-ID", "rid-6");
        accessLine("rid-6");
        tracing.flush();
        JsonNode span = null;
        for (String line : log.toString(StandardCharsets.UTF_8).lines().toList()) {
            JsonNode node = Json.mapper().readTree(line);
            if ("span".equals(node.path("logger").asText())) {
                span = node;
            }
        }
        assertTrue(span != null, "a span line in " + log);
        assertTrue(span.path("message").asText().startsWith("span GET /items/{id} "), span.toString());
        assertEquals(TRACE, span.path("trace_id").asText());
        assertEquals(PARENT, span.path("parent_span_id").asText());
        assertEquals("SERVER", span.path("span_kind").asText());
        assertEquals("rid-6", span.path("request_id").asText());
        assertEquals(200, span.path("attributes").path("http.response.status_code").asInt());
    }

    @Test
    void settingsAreValidatedNamingTheKey() {
        IllegalArgumentException ratio = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new TracingSettings(Optional.empty(), 1.5, 16, Duration.ofSeconds(1), false));
        assertTrue(ratio.getMessage().contains("tracing.sampling.ratio"));
        IllegalArgumentException endpoint = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new TracingSettings(Optional.of(URI.create("collector:4318")),
                        1.0, 16, Duration.ofSeconds(1), false));
        assertTrue(endpoint.getMessage().contains("tracing.otlp.endpoint"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new TracingSettings(Optional.empty(), 1.0, 0, Duration.ofSeconds(1), false));
    }

    /** The one span of the request: it ends just after the response is sent, so it may lag the answer. */
    private SpanData single() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (spans.getFinishedSpanItems().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        List<SpanData> finished = spans.getFinishedSpanItems();
        assertEquals(1, finished.size(), finished.toString());
        return finished.getFirst();
    }

    /** The access line of {@code requestId} (written after the response, so awaited). */
    private JsonNode accessLine(String requestId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        do {
            for (String line : log.toString(StandardCharsets.UTF_8).lines().toList()) {
                JsonNode node = Json.mapper().readTree(line);
                if ("access".equals(node.path("logger").asText())
                        && requestId.equals(node.path("request_id").asText())) {
                    return node;
                }
            }
            Thread.sleep(10);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no access line for " + requestId + " in " + log);
    }

    private String scrape(String accept) throws Exception {
        return accept == null ? get("/metrics").body() : get("/metrics", "Accept", accept).body();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
