package com.usersplatform.chatrelay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import com.usersplatform.testing.ManualClock;
import com.usersplatform.testing.ThrowawayPki;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay against a real HTTPS webhook on 127.0.0.1 (a throwaway CA the client trusts). */
class RelayTest {

    private static final SnsNotification ALERT = new SnsNotification("m-1", "arn:aws:sns:eu-west-1:1:alerts",
            Optional.of("ApiHighErrorRate"), "5% failed", Optional.of("critical"));

    @TempDir
    Path dir;

    private HttpsServer webhook;
    private ThrowawayPki pki;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(200);
    private final AtomicInteger secretReads = new AtomicInteger();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T12:00:00Z"));
    private String secretValue;

    @BeforeEach
    void startWebhook() throws IOException {
        pki = ThrowawayPki.generate(dir);
        webhook = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.setHttpsConfigurator(new HttpsConfigurator(pki.serverContext()));
        webhook.createContext("/services/T000/B000/token", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    + " " + exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        webhook.start();
        secretValue = "https://localhost:" + webhook.getAddress().getPort() + "/services/T000/B000/token\n";
    }

    @AfterEach
    void stopWebhook() {
        webhook.stop(0);
    }

    private Relay relay() {
        HttpClient client = HttpClient.newBuilder().sslContext(pki.clientContext()).build();
        return new Relay(() -> {
            secretReads.incrementAndGet();
            return secretValue;
        }, client, clock, new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @Test
    void postsTheChatTextAsJson() {
        relay().deliver(List.of(ALERT));

        assertEquals(1, bodies.size());
        String[] parts = bodies.get(0).split(" application/json");
        assertEquals(ChatText.of(ALERT), JsonParser.parseString(parts[0]).getAsJsonObject().get("text").getAsString());
        assertEquals("{\"timestamp\":\"2026-11-30T12:00:00Z\",\"level\":\"INFO\",\"message\":\"relayed to chat\","
                + "\"messageId\":\"m-1\",\"topicArn\":\"arn:aws:sns:eu-west-1:1:alerts\",\"status\":200}",
                log.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void readsTheSecretOncePerTtl() {
        Relay relay = relay();
        relay.deliver(List.of(ALERT));
        clock.advance(Relay.URL_TTL.minusSeconds(1));
        relay.deliver(List.of(ALERT));
        assertEquals(1, secretReads.get());

        clock.advance(java.time.Duration.ofSeconds(1));
        relay.deliver(List.of(ALERT));
        assertEquals(2, secretReads.get());
        assertEquals(3, bodies.size());
    }

    @Test
    void refusalThrowsWithoutTheUrlAndRereadsTheSecret() {
        Relay relay = relay();
        answer.set(404);

        RelayException refused = assertThrows(RelayException.class, () -> relay.deliver(List.of(ALERT)));

        assertEquals("chat webhook answered HTTP 404 for message m-1", refused.getMessage());
        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("\"level\":\"ERROR\",\"message\":\"chat webhook refused the message\""), logged);
        assertTrue(logged.contains("\"status\":404"), logged);
        assertFalse(logged.contains("token"), "the webhook URL must never be logged");
        answer.set(200);
        relay.deliver(List.of(ALERT));
        assertEquals(2, secretReads.get(), "a refused webhook may have been replaced: read the secret again");
    }

    @Test
    void unreachableWebhookThrowsWithoutTheUrl() {
        Relay relay = relay();
        webhook.stop(0);

        RelayException unreachable = assertThrows(RelayException.class, () -> relay.deliver(List.of(ALERT)));

        assertTrue(unreachable.getMessage().startsWith("chat webhook unreachable"), unreachable.getMessage());
        assertFalse(unreachable.getMessage().contains("token"));
    }

    @Test
    void postsOnlyToHttpsUrls() {
        secretValue = "http://localhost:" + webhook.getAddress().getPort() + "/services/T000/B000/token";
        assertEquals("the webhook secret must hold an https:// URL",
                assertThrows(RelayException.class, () -> relay().deliver(List.of(ALERT))).getMessage());
        secretValue = "{\"url\": \"https://hooks.example\"}";
        assertEquals("the webhook secret does not hold a URL",
                assertThrows(RelayException.class, () -> relay().deliver(List.of(ALERT))).getMessage());
        secretValue = "hooks.example/x";
        assertEquals("the webhook secret must hold an https:// URL",
                assertThrows(RelayException.class, () -> relay().deliver(List.of(ALERT))).getMessage());
        assertTrue(bodies.isEmpty());
    }

    @Test
    void handlerRelaysAnSnsEvent() throws IOException {
        new RelayHandler(relay()).handleRequest(new java.io.ByteArrayInputStream(
                SnsNotificationTest.event("Disk full", "body", "warning").getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), null);

        assertEquals(1, bodies.size());
        assertTrue(bodies.get(0).contains("[WARNING] Disk full"), bodies.get(0));
    }
}
