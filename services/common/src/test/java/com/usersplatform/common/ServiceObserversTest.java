package com.usersplatform.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.spi.Observer;
import io.helidon.webserver.spi.ServerFeature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server {@link ServiceRouting} sets up serves health and metrics through exactly our two observers. */
class ServiceObserversTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static WebServer server;

    @BeforeAll
    static void start() {
        ServiceInfo info = new ServiceInfo("observed", "1");
        HttpMetrics metrics = new HttpMetrics();
        Tracing tracing = Tracing.create(info, Tracing.Role.EDGE, TracingSettings.disabled(), metrics, List.of());
        server = WebServer.builder().port(0).shutdownHook(false)
                .update(ServiceRouting.create(info, metrics, tracing, Map.of(), api -> { }))
                .build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void theOnlyObserveFeatureHoldsOurHealthAndMetricsObservers() {
        List<ServerFeature> observe = server.prototype().features().stream()
                .filter(feature -> "observe".equals(feature.type()))
                .toList();
        assertEquals(1, observe.size(), observe.toString());
        List<Observer> observers = assertInstanceOf(ObserveFeature.class, observe.getFirst()).prototype().observers();
        assertEquals(List.of(ServiceObservers.HEALTH, ServiceObservers.METRICS),
                observers.stream().map(Observer::type).toList());
        observers.forEach(observer -> assertInstanceOf(ServiceObservers.EndpointObserver.class, observer));
    }

    @Test
    void servesNoObserveRoutesButHealthAndMetricsAtTheRoot() throws Exception {
        for (String path : List.of("/observe", "/observe/health", "/observe/metrics", "/observe/health/live")) {
            HttpResponse<String> res = get(path);
            assertEquals(404, res.statusCode(), path);
            assertTrue(res.body().contains("\"not_found\""), path + ": " + res.body());
        }
        for (String path : List.of("/health/live", "/health/ready", "/health", "/metrics")) {
            assertEquals(200, get(path).statusCode(), path);
        }
    }

    /** No CORS feature comes with the observe module (helidon-webserver-cors, whose defaults allow every origin). */
    @Test
    void answersCrossOriginRequestsWithoutCorsHeaders() throws Exception {
        HttpResponse<String> res = get("/health/live", "Origin", "https://elsewhere.example");
        assertEquals(200, res.statusCode());
        assertTrue(res.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), res.headers().toString());
        HttpResponse<String> preflight = CLIENT.send(HttpRequest.newBuilder(uri("/health/live"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "GET").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, preflight.statusCode());
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + server.port() + path);
    }
}
