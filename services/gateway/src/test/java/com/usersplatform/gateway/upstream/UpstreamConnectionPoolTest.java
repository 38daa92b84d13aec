package com.usersplatform.gateway.upstream;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.usersplatform.gateway.testing.SilentServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The pool against real loopback connections whose server ends the test holds, on a clock the test moves. */
class UpstreamConnectionPoolTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final UpstreamConnectionPool pool = new UpstreamConnectionPool(clock::get);
    private final List<UpstreamConnection> opened = new ArrayList<>();
    private SilentServer server;
    private int connections;

    @BeforeEach
    void listen() throws IOException {
        server = new SilentServer();
    }

    @AfterEach
    void close() throws IOException {
        opened.forEach(UpstreamConnection::close);
        server.close();
    }

    /** A new connection to the test's server. */
    private UpstreamConnection open() throws Exception {
        UpstreamConnection connection = UpstreamConnection.open(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()),
                Duration.ofSeconds(1), Duration.ofSeconds(1), new DeadlineWatch());
        opened.add(connection);
        connections++;
        return connection;
    }

    /** The server's end of the connection opened last. */
    private Socket serverSideOfLast() throws InterruptedException {
        return server.connection(connections - 1);
    }

    /** The client closed its end: the server's read sees the end of the stream. */
    private static void assertClosedByClient(Socket serverEnd) throws IOException {
        serverEnd.setSoTimeout(2000);
        assertEquals(-1, serverEnd.getInputStream().read());
    }

    private void advance(Duration by) {
        clock.addAndGet(by.toNanos());
    }

    @Test
    void theMostRecentlyReturnedConnectionComesBackFirst() throws Exception {
        assertNull(pool.lease(false), "an empty pool hands out nothing: the caller connects");
        UpstreamConnection first = open();
        UpstreamConnection second = open();
        pool.release(first);
        pool.release(second);
        assertEquals(2, pool.idle());
        assertSame(second, pool.lease(false));
        assertSame(first, pool.lease(false));
        assertNull(pool.lease(false));
        assertEquals(0, pool.idle());
    }

    @Test
    void aConnectionUsersClosedIsNeverHandedOut() throws Exception {
        UpstreamConnection live = open();
        UpstreamConnection closedByUsers = open();
        serverSideOfLast().close();
        pool.release(live);
        pool.release(closedByUsers);
        Thread.sleep(50); // the FIN reaches the client's socket
        assertSame(live, pool.lease(false), "the closed one was skipped");
        assertNull(pool.lease(false));
        assertEquals(0, pool.idle(), "the skipped connection is dropped, not kept");
        assertFalse(closedByUsers.usable(), "and closed on this side too");
    }

    @Test
    void aConnectionWithBytesNobodyAskedForIsNotReused() throws Exception {
        UpstreamConnection chatty = open();
        serverSideOfLast().getOutputStream().write("HTTP/1.1 200 OK\r\n".getBytes());
        pool.release(chatty);
        Thread.sleep(50);
        assertNull(pool.lease(false));
    }

    @Test
    void aRepeatableRequestTakesAConnectionUsedMomentsAgoWithoutAProbe() throws Exception {
        UpstreamConnection closedByUsers = open();
        serverSideOfLast().close();
        pool.release(closedByUsers);
        Thread.sleep(50); // the FIN reaches the client's socket
        advance(UpstreamConnectionPool.PROBE_AFTER_IDLE.minusNanos(1));
        assertSame(closedByUsers, pool.lease(true),
                "not probed: a GET on it fails before any answer and is sent again on a new connection");
    }

    @Test
    void aRepeatableRequestProbesAConnectionIdleLongerThanThat() throws Exception {
        UpstreamConnection closedByUsers = open();
        serverSideOfLast().close();
        pool.release(closedByUsers);
        Thread.sleep(50);
        advance(UpstreamConnectionPool.PROBE_AFTER_IDLE);
        assertNull(pool.lease(true));
        assertEquals(0, pool.idle());
    }

    @Test
    void connectionsIdleTooLongAreClosedInsteadOfUsed() throws Exception {
        UpstreamConnection stale = open();
        pool.release(stale);
        advance(UpstreamConnectionPool.MAX_IDLE_TIME.plusMillis(1));
        UpstreamConnection recent = open();
        pool.release(recent);
        assertSame(recent, pool.lease(false));
        pool.release(recent);
        advance(UpstreamConnectionPool.MAX_IDLE_TIME);
        assertSame(recent, pool.lease(false), "idle exactly the limit: still used");
        assertNull(pool.lease(false), "the stale one was dropped");
        assertClosedByClient(server.connection(0));
    }

    @Test
    void aBusyConnectionIsRetiredOnceItIsOlderThanTheMaximumAge() throws Exception {
        UpstreamConnection busy = open();
        for (Duration step = Duration.ZERO; step.compareTo(UpstreamConnectionPool.MAX_AGE) < 0;
             step = step.plusSeconds(10)) {
            pool.release(busy);
            assertSame(busy, pool.lease(false));
            advance(Duration.ofSeconds(10));
        }
        pool.release(busy);
        assertSame(busy, pool.lease(false), "exactly the maximum age: still used");
        advance(Duration.ofMillis(1));
        pool.release(busy);
        assertEquals(0, pool.idle(), "returned after the maximum age: closed, so a new one may reach another pod");
        assertNull(pool.lease(false));
        assertClosedByClient(server.connection(0));
    }

    @Test
    void noMoreThanTheIdleLimitIsKept() throws Exception {
        for (int i = 0; i < UpstreamConnectionPool.MAX_IDLE + 3; i++) {
            pool.release(open());
        }
        assertEquals(UpstreamConnectionPool.MAX_IDLE, pool.idle());
        int leased = 0;
        while (pool.lease(false) != null) {
            leased++;
        }
        assertEquals(UpstreamConnectionPool.MAX_IDLE, leased);
        for (int i = 0; i < 3; i++) {
            assertClosedByClient(server.connection(UpstreamConnectionPool.MAX_IDLE + i));
        }
    }
}
