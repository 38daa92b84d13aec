package com.usersplatform.gateway.upstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

import io.helidon.common.uri.UriQuery;
import io.helidon.http.Method;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The forwarding client against an upstream whose every byte the test writes: connections users closes under a
 * request, answers that cannot be framed, and fields the {@code Connection} header names.
 */
class UpstreamWireTest {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    /**
     * A raw HTTP/1.1 server on 127.0.0.1: for the n-th request on a connection (from 0) it writes
     * {@code answer.apply(n)}, or closes the connection unanswered when that is null, and closes it after the answer
     * when {@code closeAfter.test(n)}. Records every request line.
     */
    private static final class ScriptedUpstream implements AutoCloseable {
        final List<String> requests = new CopyOnWriteArrayList<>();
        final AtomicInteger connections = new AtomicInteger();
        /** Connections the client closed (its end of stream while the server waited for a request). */
        final AtomicInteger closedByClient = new AtomicInteger();
        private final ServerSocket server;
        private final IntFunction<String> answer;
        private final IntPredicate closeAfter;

        ScriptedUpstream(IntFunction<String> answer) throws IOException {
            this(answer, n -> false);
        }

        ScriptedUpstream(IntFunction<String> answer, IntPredicate closeAfter) throws IOException {
            this.answer = answer;
            this.closeAfter = closeAfter;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        connections.incrementAndGet();
                        Thread.ofVirtual().start(() -> serve(socket));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        private void serve(Socket socket) {
            try (socket; InputStream in = socket.getInputStream()) {
                for (int n = 0; ; n++) {
                    String head = readHead(in);
                    if (head == null) {
                        closedByClient.incrementAndGet();
                        return;
                    }
                    requests.add(head.substring(0, head.indexOf('\r')));
                    in.readNBytes(contentLength(head));
                    String reply = answer.apply(n);
                    if (reply == null) {
                        return;
                    }
                    socket.getOutputStream().write(reply.getBytes(StandardCharsets.ISO_8859_1));
                    if (closeAfter.test(n)) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0; b = in.read()) {
                head.write(b);
                if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    return head.toString(StandardCharsets.ISO_8859_1);
                }
            }
            return null;
        }

        private static int contentLength(String head) {
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    return Integer.parseInt(line.substring(15).strip());
                }
            }
            return 0;
        }

        UpstreamClient client() {
            return new UpstreamClient("users", new UpstreamSettings(URI.create("http://127.0.0.1:" + server.getLocalPort()),
                    Duration.ofMillis(500), Duration.ofSeconds(2), 3, Duration.ofMillis(10), 100, 100, 50f,
                    Duration.ofSeconds(30)), (s, m, c, n) -> { }, OpenTelemetry.noop());
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private static UpstreamRequest request(Method method, String body) {
        return new UpstreamRequest(method, "/users", UriQuery.empty(), List.of(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aKeptConnectionClosedUnderARequestIsRetriedOnANewOneOnlyWhenTheRequestIsRepeatable() throws Exception {
        // Each connection answers its first request and closes on its second without answering.
        try (ScriptedUpstream users = new ScriptedUpstream(n -> n == 0 ? OK : null)) {
            UpstreamClient client = users.client();
            assertEquals(200, client.forward(request(Method.GET, "")).status());
            assertEquals(200, client.forward(request(Method.GET, "")).status(), "resent on a new connection");
            assertEquals(3, users.requests.size());
            UpstreamFailure failure = assertThrows(UpstreamFailure.class,
                    () -> client.forward(request(Method.POST, "{}")));
            assertEquals(UpstreamFailure.Kind.ERROR, failure.kind());
            assertEquals(List.of("GET /users HTTP/1.1", "GET /users HTTP/1.1", "GET /users HTTP/1.1",
                    "POST /users HTTP/1.1"), users.requests, "the POST reached users once and was not sent again");
        }
    }

    @Test
    void aConnectionUsersClosedWhileIdleIsNotUsedSoEvenAPostGoesThrough() throws Exception {
        // Each connection answers one request with keep-alive, then users closes it (as at its idle timeout).
        try (ScriptedUpstream users = new ScriptedUpstream(n -> OK, n -> true)) {
            UpstreamClient client = users.client();
            assertEquals(200, client.forward(request(Method.GET, "")).status());
            Thread.sleep(100); // idle in the pool while users closes it
            assertEquals(200, client.forward(request(Method.POST, "{}")).status());
            assertEquals(List.of("GET /users HTTP/1.1", "POST /users HTTP/1.1"), users.requests);
        }
    }

    @Test
    void aGetOnAConnectionUsersClosedMomentsAgoIsSentOnceOnANewOne() throws Exception {
        // As above, but a GET follows: it may take the closed connection without a probe, and must still go through.
        try (ScriptedUpstream users = new ScriptedUpstream(n -> OK, n -> true)) {
            UpstreamClient client = users.client();
            assertEquals(200, client.forward(request(Method.GET, "")).status());
            Thread.sleep(100);
            assertEquals(200, client.forward(request(Method.GET, "")).status());
            assertEquals(List.of("GET /users HTTP/1.1", "GET /users HTTP/1.1"), users.requests);
            assertEquals(2, users.connections.get());
        }
    }

    @Test
    void answersThatCannotBeFramedBecome502sNamingTheReasonAndTheirConnectionIsDropped() throws Exception {
        AtomicInteger answered = new AtomicInteger();
        try (ScriptedUpstream users = new ScriptedUpstream(n -> answered.getAndIncrement() == 0
                ? "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd" : OK)) {
            UpstreamClient client = users.client();
            UpstreamFailure failure = assertThrows(UpstreamFailure.class,
                    () -> client.forward(request(Method.GET, "")));
            assertEquals(UpstreamFailure.Kind.ERROR, failure.kind());
            assertEquals("users service sent a malformed answer: conflicting Content-Length values",
                    failure.getMessage());
            assertEquals(200, client.forward(request(Method.GET, "")).status());
            assertEquals(2, users.requests.size(), "a malformed answer is not retried");
            assertEquals(2, users.connections.get(), "the next request does not read the rest of the bad answer");
            awaitClosedByClient(users, 1);
        }
    }

    @Test
    void anAnswerCutShortIsA502AndNotSentAgainEvenForAGet() throws Exception {
        // The second answer on a connection stops after 3 of its 10 bytes, and users closes the connection.
        try (ScriptedUpstream users = new ScriptedUpstream(
                n -> n == 0 ? OK : "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", n -> n == 1)) {
            UpstreamClient client = users.client();
            assertEquals(200, client.forward(request(Method.GET, "")).status());
            UpstreamFailure failure = assertThrows(UpstreamFailure.class,
                    () -> client.forward(request(Method.GET, "")));
            assertEquals(UpstreamFailure.Kind.ERROR, failure.kind());
            assertEquals(2, users.requests.size(), "users answered part: the request is not sent again");
        }
    }

    @Test
    void anAnswerThatEndsTheConnectionIsFollowedByTheClientClosingItsEnd() throws Exception {
        try (ScriptedUpstream users = new ScriptedUpstream(
                n -> "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok")) {
            UpstreamClient client = users.client();
            assertEquals(200, client.forward(request(Method.GET, "")).status());
            awaitClosedByClient(users, 1);
            assertEquals(200, client.forward(request(Method.GET, "")).status());
            assertEquals(2, users.connections.get());
        }
    }

    private static void awaitClosedByClient(ScriptedUpstream users, int expected) throws InterruptedException {
        for (int i = 0; i < 200 && users.closedByClient.get() < expected; i++) {
            Thread.sleep(10);
        }
        assertEquals(expected, users.closedByClient.get(), "connections the gateway closed");
    }

    @Test
    void fieldsTheConnectionHeaderNamesAreNotPassedOn() throws Exception {
        try (ScriptedUpstream users = new ScriptedUpstream(n -> "HTTP/1.1 200 OK\r\nConnection: X-Hop, keep-alive\r\n"
                + "X-Hop: 1\r\nX-Kept: 2\r\nKeep-Alive: timeout=5\r\nContent-Length: 0\r\n\r\n")) {
            UpstreamResponse response = users.client().forward(request(Method.GET, ""));
            assertEquals(List.of("X-Kept"), response.headers().stream().map(h -> h.name()).toList());
        }
    }
}
