package com.usersplatform.gateway.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.usersplatform.gateway.testing.SilentServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exchanges on one connection to a server the test plays, over real loopback: the read timeout as the
 * {@link DeadlineWatch} enforces it (the test plays the watch's thread, calling {@link DeadlineWatch#expireOverdue}
 * with the time it chooses), and what a failed exchange tells the client.
 */
class UpstreamConnectionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final byte[] GET = "GET /users HTTP/1.1\r\nHost: users\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final DeadlineWatch watch = new DeadlineWatch();
    private SilentServer server;
    private UpstreamConnection connection;

    @BeforeEach
    void connect() throws IOException {
        server = new SilentServer();
        connection = UpstreamConnection.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()),
                Duration.ofSeconds(1), TIMEOUT, watch);
    }

    @AfterEach
    void close() throws IOException {
        connection.close();
        server.close();
    }

    /** Starts an exchange of {@code request} on another thread. */
    private CompletableFuture<ResponseReader.Response> startExchange(byte[] request) {
        CompletableFuture<ResponseReader.Response> answer = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                answer.complete(connection.exchange(request, false));
            } catch (IOException | RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    /** Starts an exchange and returns once users (the test) has received the whole request. */
    private CompletableFuture<ResponseReader.Response> exchangeWaitingForTheAnswer(byte[] request) throws Exception {
        CompletableFuture<ResponseReader.Response> answer = startExchange(request);
        InputStream in = server.connection(0).getInputStream();
        assertTrue(Arrays.equals(request, in.readNBytes(request.length)));
        return answer;
    }

    private static Throwable failureOf(CompletableFuture<?> answer) throws Exception {
        return assertThrows(ExecutionException.class, () -> answer.get(5, TimeUnit.SECONDS)).getCause();
    }

    @Test
    void anExchangePastItsDeadlineFailsAsATimeoutAndItsConnectionIsClosed() throws Exception {
        CompletableFuture<ResponseReader.Response> answer = exchangeWaitingForTheAnswer(GET);
        watch.expireOverdue(System.nanoTime() + TIMEOUT.toNanos() + 1);

        Throwable failure = failureOf(answer);
        assertInstanceOf(SocketTimeoutException.class, failure);
        assertEquals("no answer within 1000 ms", failure.getMessage());
        Socket usersEnd = server.connection(0);
        usersEnd.setSoTimeout(2000);
        assertEquals(-1, usersEnd.getInputStream().read(), "the gateway closed its end");
        assertEquals(0, watch.watched(), "a closed connection is no longer watched");
    }

    @Test
    void anExchangeWithinItsDeadlineIsLeftToFinish() throws Exception {
        CompletableFuture<ResponseReader.Response> answer = exchangeWaitingForTheAnswer(GET);
        watch.expireOverdue(System.nanoTime() + TIMEOUT.toNanos() / 2);

        Thread.sleep(50);
        assertFalse(answer.isDone(), "still waiting for users");
        server.connection(0).getOutputStream()
                .write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));
        assertEquals(200, answer.get(5, TimeUnit.SECONDS).status());
        assertEquals(1, watch.watched());
    }

    @Test
    void anIdleConnectionIsNeverExpired() throws Exception {
        watch.expireOverdue(System.nanoTime() + TIMEOUT.toNanos() * 100);

        assertTrue(connection.usable(), "left open between exchanges, however long");
        CompletableFuture<ResponseReader.Response> answer = exchangeWaitingForTheAnswer(GET);
        server.connection(0).getOutputStream()
                .write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(204, answer.get(5, TimeUnit.SECONDS).status());
    }

    @Test
    void aRequestUsersDoesNotReadIsEndedToo() throws Exception {
        // Larger than the loopback socket buffers on both ends, so the write itself blocks: the deadline covers it.
        CompletableFuture<ResponseReader.Response> answer = startExchange(new byte[32 * 1024 * 1024]);
        server.connection(0);
        Thread.sleep(200);
        assertFalse(answer.isDone(), "blocked in the write");
        watch.expireOverdue(System.nanoTime() + TIMEOUT.toNanos() + 1);

        assertInstanceOf(SocketTimeoutException.class, failureOf(answer));
    }

    /** What lets the client send a repeatable request again on a fresh connection: users never saw it. */
    @Test
    void aWriteThatFailsOnAConnectionUsersResetCountsAsUnanswered() throws Exception {
        CompletableFuture<ResponseReader.Response> first = exchangeWaitingForTheAnswer(GET);
        Socket usersEnd = server.connection(0);
        usersEnd.getOutputStream().write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(204, first.get(5, TimeUnit.SECONDS).status());
        assertTrue(connection.answered());

        usersEnd.setSoLinger(true, 0); // close with a reset, so the next write fails
        usersEnd.close();
        Thread.sleep(100);
        assertThrows(IOException.class, () -> connection.exchange(new byte[64 * 1024], false));
        assertFalse(connection.answered(), "nothing of this exchange's answer came");
    }

    @Test
    void theSharedWatchEndsAHungExchangeWithinOneTickOfItsDeadline() throws Exception {
        try (UpstreamConnection watched = UpstreamConnection.open(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), Duration.ofSeconds(1),
                Duration.ofMillis(200), DeadlineWatch.SHARED)) {
            long start = System.nanoTime();
            CompletableFuture<Long> failedAfter = CompletableFuture.supplyAsync(() -> {
                try {
                    watched.exchange(GET, false);
                    return -1L;
                } catch (SocketTimeoutException e) {
                    return (System.nanoTime() - start) / 1_000_000;
                } catch (IOException e) {
                    return -2L;
                }
            });
            long millis = failedAfter.get(5, TimeUnit.SECONDS);
            assertTrue(millis >= 200 && millis < 200 + DeadlineWatch.TICK.toMillis() + 500, "took " + millis + " ms");
        }
    }
}
