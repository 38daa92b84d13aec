package com.usersplatform.gateway.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server on 127.0.0.1 that accepts connections and never answers: a hung upstream.
 */
public final class SilentServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    public SilentServer() throws IOException {
        // A backlog above what any test opens at once (the pool test opens UpstreamConnectionPool.MAX_IDLE + 3): on
        // Linux, a SYN that finds the accept queue full is dropped and sent again only after the initial 1 s
        // retransmission timeout (RFC 6298, 2.1), as long as the tests' connect timeout, so a busy machine's
        // acceptor falling behind failed connects with "Connect timed out".
        socket = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try {
                    accepted.add(socket.accept());
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    public int port() {
        return socket.getLocalPort();
    }

    /**
     * The server's end of the {@code index}-th connection (from 0), once it is accepted: a test writes to it or
     * closes it to play an upstream that misbehaves.
     */
    public Socket connection(int index) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (accepted.size() <= index) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("connection " + index + " was not accepted within 5 s");
            }
            Thread.sleep(5);
        }
        return accepted.get(index);
    }

    /** Connections accepted so far. */
    public int connections() {
        return accepted.size();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : accepted) {
            s.close();
        }
    }
}
