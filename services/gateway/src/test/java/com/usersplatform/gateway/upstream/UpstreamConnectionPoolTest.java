package com.usersplatform.gateway.upstream;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The pool against real loopback connections whose server side the test holds, on a clock the test moves. */
class UpstreamConnectionPoolTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final UpstreamConnectionPool pool = new UpstreamConnectionPool(clock::get);
    private final List<UpstreamConnection> opened = new ArrayList<>();
    private final BlockingQueue<Socket> serverSides = new LinkedBlockingQueue<>();
    private ServerSocket server;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    serverSides.add(server.accept());
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void close() throws IOException {
        server.close();
        opened.forEach(UpstreamConnection::close);
        for (Socket s : serverSides) {
            s.close();
        }
    }

    /** A new connection and the server's end of it. */
    private UpstreamConnection open() throws Exception {
        UpstreamConnection connection = UpstreamConnection.open(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()),
                Duration.ofSeconds(1), Duration.ofSeconds(1));
        opened.add(connection);
        return connection;
    }

    private Socket serverSideOfNext() throws InterruptedException {
        return serverSides.poll(5, TimeUnit.SECONDS);
    }

    private void advance(Duration by) {
        clock.addAndGet(by.toNanos());
    }

    @Test
    void theMostRecentlyReturnedConnectionComesBackFirst() throws Exception {
        assertNull(pool.lease(), "an empty pool hands out nothing: the caller connects");
        UpstreamConnection first = open();
        UpstreamConnection second = open();
        pool.release(first);
        pool.release(second);
        assertEquals(2, pool.idle());
        assertSame(second, pool.lease());
        assertSame(first, pool.lease());
        assertNull(pool.lease());
        assertEquals(0, pool.idle());
    }

    @Test
    void aConnectionUsersClosedIsNeverHandedOut() throws Exception {
        UpstreamConnection live = open();
        serverSideOfNext();
        UpstreamConnection closedByUsers = open();
        serverSideOfNext().close();
        pool.release(live);
        pool.release(closedByUsers);
        Thread.sleep(50); // the FIN reaches the client's socket
        assertSame(live, pool.lease(), "the closed one was skipped");
        assertNull(pool.lease());
        assertEquals(0, pool.idle(), "the skipped connection is dropped, not kept");
    }

    @Test
    void aConnectionWithBytesNobodyAskedForIsNotReused() throws Exception {
        UpstreamConnection chatty = open();
        serverSideOfNext().getOutputStream().write("HTTP/1.1 200 OK\r\n".getBytes());
        pool.release(chatty);
        Thread.sleep(50);
        assertNull(pool.lease());
    }

    @Test
    void connectionsIdleTooLongAreClosedInsteadOfUsed() throws Exception {
        UpstreamConnection stale = open();
        pool.release(stale);
        advance(UpstreamConnectionPool.MAX_IDLE_TIME.plusMillis(1));
        UpstreamConnection recent = open();
        pool.release(recent);
        assertSame(recent, pool.lease());
        pool.release(recent);
        advance(UpstreamConnectionPool.MAX_IDLE_TIME);
        assertSame(recent, pool.lease(), "idle exactly the limit: still used");
        assertNull(pool.lease(), "the stale one was dropped");
    }

    @Test
    void aBusyConnectionIsRetiredOnceItIsOlderThanTheMaximumAge() throws Exception {
        UpstreamConnection busy = open();
        for (Duration step = Duration.ZERO; step.compareTo(UpstreamConnectionPool.MAX_AGE) < 0;
             step = step.plusSeconds(10)) {
            pool.release(busy);
            assertSame(busy, pool.lease());
            advance(Duration.ofSeconds(10));
        }
        advance(Duration.ofMillis(1));
        pool.release(busy);
        assertEquals(0, pool.idle(), "returned after the maximum age: closed, so a new one may reach another pod");
        assertNull(pool.lease());
    }

    @Test
    void noMoreThanTheIdleLimitIsKept() throws Exception {
        for (int i = 0; i < UpstreamConnectionPool.MAX_IDLE + 3; i++) {
            pool.release(open());
        }
        assertEquals(UpstreamConnectionPool.MAX_IDLE, pool.idle());
        int leased = 0;
        while (pool.lease() != null) {
            leased++;
        }
        assertEquals(UpstreamConnectionPool.MAX_IDLE, leased);
    }
}
