package com.usersplatform.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ServiceLifecycleTest {

    @Test
    void shutdownFinishesInFlightRequestsBeforeClosingResources() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        AtomicBoolean closedWhileServing = new AtomicBoolean();
        AtomicBoolean handlerDone = new AtomicBoolean();
        AtomicBoolean closed = new AtomicBoolean();
        ServiceInfo info = new ServiceInfo("demo", "1");
        HttpMetrics metrics = new HttpMetrics();
        Tracing tracing = Tracing.create(info, Tracing.Role.EDGE, TracingSettings.disabled(), metrics, List.of());
        WebServer server = WebServer.builder().port(0).shutdownHook(false)
                .shutdownGracePeriod(Duration.ofSeconds(5))
                .update(ServiceRouting.create(info, metrics, tracing, Map.of(),
                        api -> api.get("/slow", (req, res) -> {
                            inHandler.countDown();
                            Thread.sleep(500);
                            closedWhileServing.set(closed.get());
                            handlerDone.set(true);
                            res.send("done");
                        })))
                .build().start();
        CompletableFuture<HttpResponse<String>> slow = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(inHandler.await(5, TimeUnit.SECONDS));

        ServiceLifecycle.shutdown(server, List.of(() -> {
            assertTrue(handlerDone.get(), "resources close only after in-flight requests");
            closed.set(true);
        }));

        HttpResponse<String> res = slow.get(5, TimeUnit.SECONDS);
        assertEquals(200, res.statusCode());
        assertEquals("done", res.body());
        assertFalse(closedWhileServing.get());
        assertTrue(closed.get());
        assertFalse(server.isRunning());
    }
}
