package com.usersplatform.gateway.upstream;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * One kept-alive HTTP/1.1 connection to the users service: a blocking socket read with the read timeout, written
 * in one call per request, and a probe that tells, without waiting, whether users has closed it since its last use.
 */
final class UpstreamConnection implements Closeable {
    private final SocketChannel channel;
    private final OutputStream out;
    private final ResponseReader reader;
    private long firstPooled = -1;
    private long idleSince;
    private final ByteBuffer probe = ByteBuffer.allocate(1);

    private UpstreamConnection(SocketChannel channel) throws IOException {
        this.channel = channel;
        Socket socket = channel.socket();
        this.out = socket.getOutputStream();
        this.reader = new ResponseReader(socket.getInputStream());
    }

    /**
     * Connects to {@code address}.
     *
     * @param readTimeout the longest wait for each read of an answer ({@code SO_TIMEOUT}, honoured by the channel's
     *                    socket streams, https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/net/Socket.html#setSoTimeout(int))
     */
    static UpstreamConnection open(InetSocketAddress address, Duration connectTimeout, Duration readTimeout)
            throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            Socket socket = channel.socket();
            // A request larger than one segment would otherwise hold its last, partial segment back until the
            // server's (possibly delayed) ACK of the earlier ones: Nagle's algorithm, RFC 896 / RFC 1122 4.2.3.4.
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
            socket.connect(address, Math.toIntExact(connectTimeout.toMillis()));
            return new UpstreamConnection(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Sends one whole request (head and body in one array). */
    void write(byte[] request) throws IOException {
        out.write(request);
    }

    /** The answer to the request just written. */
    ResponseReader.Response read(boolean headRequest) throws IOException {
        return reader.read(headRequest);
    }

    /** Whether any byte of the answer arrived: a reused connection that failed before that was closed by users. */
    boolean answered() {
        return reader.receivedAny();
    }

    /**
     * Whether the connection can carry another request: users has not closed it (a non-blocking read returns -1 at
     * end of stream, https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/nio/channels/ReadableByteChannel.html#read(java.nio.ByteBuffer))
     * and sent nothing unasked. Costs one read system call that does not wait.
     */
    boolean usable() {
        try {
            channel.configureBlocking(false);
            try {
                return channel.read(probe.clear()) == 0;
            } finally {
                channel.configureBlocking(true);
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** Stamps the time it went back to the pool (and, the first time, when the pool first saw it). */
    void markIdle(long now) {
        idleSince = now;
        if (firstPooled < 0) {
            firstPooled = now;
        }
    }

    long idleSince() {
        return idleSince;
    }

    /** When it first went back to the pool (a few milliseconds after it opened), or -1 before that. */
    long firstPooled() {
        return firstPooled;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket that is already broken: nothing left to release
        }
    }
}
