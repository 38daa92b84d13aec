package com.usersplatform.gateway.upstream;

import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.usersplatform.gateway.testing.FreePort;
import com.usersplatform.gateway.testing.SilentServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.helidon.common.uri.UriQuery;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The forwarding client against a small echo server, a hung server and a closed port, all on 127.0.0.1. */
class UpstreamClientTest {
    private static final io.helidon.http.HeaderName REQUEST_ID = HeaderNames.create("X-Request-ID");
    private static final AtomicInteger HITS = new AtomicInteger();
    private static WebServer echo;

    @BeforeAll
    static void startEcho() {
        echo = WebServer.builder().host("127.0.0.1").port(0).routing(r -> r.any((req, res) -> {
            HITS.incrementAndGet();
            String path = req.prologue().uriPath().rawPath();
            if (path.equals("/users/big")) {
                res.send("[" + "{\"id\":\"x\"},".repeat(60_000) + "{}]");
                return;
            }
            if (path.equals("/users/chunked")) { // no Content-Length: chunked transfer coding
                try (OutputStream out = res.outputStream()) {
                    for (int i = 0; i < 3; i++) {
                        out.write(("part-" + i + ";").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                }
                return;
            }
            if (path.equals("/users/peer")) { // which client connection asked
                res.send(String.valueOf(req.remotePeer().port()));
                return;
            }
            if (path.startsWith("/users/status-")) {
                res.status(Status.create(Integer.parseInt(path.substring("/users/status-".length()))));
            }
            String text = req.prologue().method().text() + " " + path + "?" + req.prologue().query().rawValue()
                    + "\nrid=" + req.headers().first(REQUEST_ID).orElse("-")
                    + "\nxff=" + req.headers().first(HeaderNames.X_FORWARDED_FOR).orElse("-")
                    + "\nbody=" + (req.content().hasEntity() ? req.content().as(String.class) : "");
            res.header(HeaderNames.CONTENT_TYPE, "text/plain").header("X-Total-Count", "7").send(text);
        })).build().start();
    }

    @AfterAll
    static void stopEcho() {
        echo.stop();
    }

    private static UpstreamSettings settings(int port, Duration readTimeout) {
        return new UpstreamSettings(URI.create("http://127.0.0.1:" + port), Duration.ofMillis(500), readTimeout,
                3, Duration.ofMillis(10), 10, 4, 50f, Duration.ofMillis(400));
    }

    private static UpstreamRequest request(Method method, String path, String query, String body) {
        return new UpstreamRequest(method, path, UriQuery.create(query),
                List.of(HeaderValues.create(REQUEST_ID, "req-1"),
                        HeaderValues.create(HeaderNames.X_FORWARDED_FOR, "10.1.2.3")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void forwardsMethodPathQueryHeadersAndBodyUnchanged() {
        UpstreamClient client = new UpstreamClient("users", settings(echo.port(), Duration.ofSeconds(2)),
                (s, m, c, n) -> { }, OpenTelemetry.noop());
        UpstreamResponse response = client.forward(request(Method.PUT, UpstreamPaths.child("/users", "a/b c"),
                "limit=5&offset=10&q=x%20y%26z", "{\"name\":\"A\"}"));
        assertEquals(200, response.status());
        String[] echoed = new String(response.body(), StandardCharsets.UTF_8).split("\n");
        assertTrue(echoed[0].startsWith("PUT /users/a%2Fb%20c?"), echoed[0]);
        // The parameters survive (their relative order is not kept by Helidon's query map).
        assertEquals(Set.of("limit=5", "offset=10", "q=x%20y%26z"),
                Set.of(echoed[0].substring(echoed[0].indexOf('?') + 1).split("&")));
        assertEquals(List.of("rid=req-1", "xff=10.1.2.3", "body={\"name\":\"A\"}"),
                List.of(echoed).subList(1, 4));
        assertTrue(response.headers().stream().anyMatch(h -> h.name().equals("X-Total-Count") && h.get().equals("7")));
        assertTrue(response.headers().stream().noneMatch(h -> h.name().equalsIgnoreCase("Content-Length")));
    }

    @Test
    void passesClientErrorsThroughAndMapsServerErrorsTo502() {
        UpstreamClient client = new UpstreamClient("users", settings(echo.port(), Duration.ofSeconds(2)),
                (s, m, c, n) -> { }, OpenTelemetry.noop());
        assertEquals(409, client.forward(request(Method.POST, "/users/status-409", "", "{}")).status());
        assertEquals(503, client.forward(request(Method.GET, "/users/status-503", "", "")).status());
        UpstreamFailure failure = assertThrows(UpstreamFailure.class,
                () -> client.forward(request(Method.GET, "/users/status-500", "", "")));
        assertEquals(UpstreamFailure.Kind.ERROR, failure.kind());
    }

    @Test
    void usersOwn503sPassThroughAndNeverOpenTheBreakerButOther5xxDo() {
        UpstreamClient client = new UpstreamClient("users", settings(echo.port(), Duration.ofSeconds(2)),
                (s, m, c, n) -> { }, OpenTelemetry.noop());
        for (int i = 0; i < 12; i++) {
            assertEquals(503, client.forward(request(Method.GET, "/users/status-503", "", "")).status());
        }
        assertEquals(CircuitBreaker.State.CLOSED, client.breakerState(), "Redis down in users is not an upstream outage");
        for (int i = 0; i < 12; i++) {
            assertThrows(UpstreamFailure.class, () -> client.forward(request(Method.GET, "/users/status-500", "", "")));
        }
        assertEquals(CircuitBreaker.State.OPEN, client.breakerState());
    }

    @Test
    void largePagesArriveWhole() {
        UpstreamClient client = new UpstreamClient("users", settings(echo.port(), Duration.ofSeconds(2)),
                (s, m, c, n) -> { }, OpenTelemetry.noop());
        UpstreamResponse response = client.forward(request(Method.GET, "/users/big", "", ""));
        assertEquals(200, response.status());
        assertEquals(2 + 11 * 60_000 + 2, response.body().length);
    }

    @Test
    void answersWithoutADeclaredLengthArriveWhole() {
        UpstreamClient client = new UpstreamClient("users", settings(echo.port(), Duration.ofSeconds(2)),
                (s, m, c, n) -> { }, OpenTelemetry.noop());
        UpstreamResponse response = client.forward(request(Method.GET, "/users/chunked", "", ""));
        assertEquals("part-0;part-1;part-2;", new String(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void theConnectionServesTheNextRequestOnceAnAnswerIsRead() {
        UpstreamClient client = new UpstreamClient("users", settings(echo.port(), Duration.ofSeconds(2)),
                (s, m, c, n) -> { }, OpenTelemetry.noop());
        List<String> ports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ports.add(new String(client.forward(request(Method.GET, "/users/peer", "", "")).body(),
                    StandardCharsets.UTF_8));
            client.forward(request(Method.GET, "/users/x", "", "")); // a body of another length in between
        }
        assertEquals(1, Set.copyOf(ports).size(), "one keep-alive connection for sequential requests: " + ports);
    }

    @Test
    void hungUpstreamTimesOutWithinTheReadTimeout() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            UpstreamClient client = new UpstreamClient("users", settings(silent.port(), Duration.ofMillis(300)),
                    (s, m, c, n) -> { }, OpenTelemetry.noop());
            long start = System.nanoTime();
            UpstreamFailure failure = assertThrows(UpstreamFailure.class,
                    () -> client.forward(request(Method.GET, "/users", "", "")));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(UpstreamFailure.Kind.TIMEOUT, failure.kind());
            assertTrue(millis >= 250 && millis < 1500, "took " + millis + " ms");
            assertEquals(1, silent.connections(), "a read timeout is never retried");
        }
    }

    @Test
    void refusedConnectionIsRetriedOnlyForIdempotentMethodsThenOpensTheBreakerWhichClosesByItself()
            throws Exception {
        int port = FreePort.find();
        AtomicInteger observed = new AtomicInteger();
        UpstreamClient client = new UpstreamClient("users", settings(port, Duration.ofSeconds(1)),
                (s, m, c, n) -> observed.incrementAndGet(), OpenTelemetry.noop());
        UpstreamFailure failure = assertThrows(UpstreamFailure.class,
                () -> client.forward(request(Method.POST, "/users", "", "{}")));
        assertEquals(UpstreamFailure.Kind.UNAVAILABLE, failure.kind());
        for (int i = 0; i < 3; i++) {
            assertThrows(UpstreamFailure.class, () -> client.forward(request(Method.GET, "/users", "", "")));
        }
        assertEquals(CircuitBreaker.State.OPEN, client.breakerState());
        assertEquals(4, observed.get());

        // Bring an upstream up on that port: after the open period the breaker lets a trial call through.
        WebServer back = WebServer.builder().host("127.0.0.1").port(port)
                .routing(r -> r.any((req, res) -> res.send("ok"))).build().start();
        try {
            long start = System.nanoTime();
            UpstreamFailure fast = assertThrows(UpstreamFailure.class,
                    () -> client.forward(request(Method.GET, "/users", "", "")));
            assertTrue((System.nanoTime() - start) < 100_000_000L, "open breaker fails fast");
            assertTrue(fast.getMessage().contains("circuit open"));
            Thread.sleep(450);
            assertEquals(200, client.forward(request(Method.GET, "/users", "", "")).status());
            assertEquals(CircuitBreaker.State.CLOSED, client.breakerState());
        } finally {
            back.stop();
        }
    }


    @Test
    void clientSpanRecordsEachRetryAsAnEventAndTheBreakerState() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        OpenTelemetry telemetry = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        UpstreamClient client = new UpstreamClient("users", settings(FreePort.find(), Duration.ofSeconds(1)),
                (s, m, c, n) -> { }, telemetry);
        assertThrows(UpstreamFailure.class, () -> client.forward(request(Method.GET, "/users", "", "")));
        SpanData span = spans.getFinishedSpanItems().getFirst();
        assertEquals(SpanKind.CLIENT, span.getKind());
        assertEquals("GET", span.getName());
        assertEquals("closed", span.getAttributes().get(AttributeKey.stringKey("circuit_breaker.state")));
        assertEquals("upstream_unavailable", span.getAttributes().get(AttributeKey.stringKey("error.type")));
        List<EventData> retries = span.getEvents();
        assertEquals(List.of("retry", "retry"), retries.stream().map(EventData::getName).toList(),
                "3 attempts = 2 retries");
        assertEquals(2L, retries.get(1).getAttributes().get(AttributeKey.longKey("retry.attempt")));
        assertEquals("upstream_unavailable", retries.get(0).getAttributes().get(AttributeKey.stringKey("error.type")),
                "each retry names the failure that caused it");
    }

    @Test
    void clientSpanIsAnErrorExactlyWhenTheGatewayAnswers5xxAndTheObserverGetsTheCallsDuration() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        OpenTelemetry telemetry = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .build();
        List<long[]> observed = new java.util.concurrent.CopyOnWriteArrayList<>();
        UpstreamClient client = new UpstreamClient("users", settings(echo.port(), Duration.ofSeconds(2)),
                (s, m, code, nanos) -> observed.add(new long[] {code, nanos}), telemetry);
        for (String path : List.of("/users/status-409", "/users/status-503", "/users/status-500")) {
            long start = System.nanoTime();
            try {
                client.forward(request(Method.GET, path, "", ""));
            } catch (UpstreamFailure expected) {
                // 500 maps to a failure (502 to the client)
            }
            long wall = System.nanoTime() - start;
            long[] last = observed.getLast();
            assertTrue(last[1] >= 0 && last[1] <= wall, path + ": observed " + last[1] + " ns of " + wall);
        }
        List<SpanData> finished = spans.getFinishedSpanItems();
        assertEquals(3, finished.size(), "every call ends its span");
        assertEquals(List.of(409L, 503L, 500L), finished.stream()
                .map(span -> span.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).toList());
        assertEquals(List.of(io.opentelemetry.api.trace.StatusCode.UNSET, io.opentelemetry.api.trace.StatusCode.ERROR,
                        io.opentelemetry.api.trace.StatusCode.ERROR),
                finished.stream().map(span -> span.getStatus().getStatusCode()).toList());
        assertEquals(List.of(409L, 503L, 500L), observed.stream().map(o -> o[0]).toList());
    }
}
