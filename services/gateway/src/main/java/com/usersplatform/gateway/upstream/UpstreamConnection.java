package com.usersplatform.gateway.upstream;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One kept-alive HTTP/1.1 connection to the users service: one exchange at a time (the request written in one call,
 * the answer read with blocking reads), bounded by the read timeout through a {@link DeadlineWatch}, and a probe that
 * tells, without waiting, whether users has closed it since its last use.
 */
final class UpstreamConnection implements Closeable {
    private static final int IDLE = 0;
    private static final int WAITING = 1;
    private static final int EXPIRED = 2;

    private final SocketChannel channel;
    private final OutputStream out;
    private final ResponseReader reader;
    private final long timeoutNanos;
    private final DeadlineWatch watch;
    /** IDLE between exchanges, WAITING during one, EXPIRED once the watch closed it for overrunning its deadline. */
    private final AtomicInteger phase = new AtomicInteger(IDLE);
    private volatile long deadline;
    private long firstPooled = -1;
    private long idleSince;
    private final ByteBuffer probe = ByteBuffer.allocate(1);

    private UpstreamConnection(SocketChannel channel, Duration readTimeout, DeadlineWatch watch) throws IOException {
        this.channel = channel;
        Socket socket = channel.socket();
        this.out = socket.getOutputStream();
        this.reader = new ResponseReader(socket.getInputStream());
        this.timeoutNanos = readTimeout.toNanos();
        this.watch = watch;
    }

    /**
     * Connects to {@code address}.
     *
     * @param readTimeout the longest an exchange may take from the request's write to the answer's last byte
     * @param watch       what enforces it
     */
    static UpstreamConnection open(InetSocketAddress address, Duration connectTimeout, Duration readTimeout,
                                   DeadlineWatch watch) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            Socket socket = channel.socket();
            // A request larger than one segment would otherwise hold its last, partial segment back until the
            // server's (possibly delayed) ACK of the earlier ones: Nagle's algorithm, RFC 896 / RFC 1122 4.2.3.4.
            socket.setTcpNoDelay(true);
            socket.connect(address, Math.toIntExact(connectTimeout.toMillis()));
            UpstreamConnection connection = new UpstreamConnection(channel, readTimeout, watch);
            watch.watch(connection);
            return connection;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Sends one whole request (head and body in one array) and reads its answer.
     *
     * @throws SocketTimeoutException when the read timeout passed first (the connection is closed then)
     */
    ResponseReader.Response exchange(byte[] request, boolean headRequest) throws IOException {
        reader.startExchange();
        deadline = System.nanoTime() + timeoutNanos;
        phase.set(WAITING);
        try {
            out.write(request);
            ResponseReader.Response answer = reader.read(headRequest);
            // Lost to the watch only if it closed the connection after the last byte came: the answer is whole,
            // and the closed connection fails the pool's probe, so it is not used again.
            phase.compareAndSet(WAITING, IDLE);
            return answer;
        } catch (IOException e) {
            if (phase.get() == EXPIRED) {
                throw (SocketTimeoutException) new SocketTimeoutException(
                        "no answer within " + Duration.ofNanos(timeoutNanos).toMillis() + " ms").initCause(e);
            }
            throw e;
        }
    }

    /** Closes the connection if an exchange on it is still going at {@code now}, past its deadline. */
    void expireIfOverdue(long now) {
        if (phase.get() == WAITING && now - deadline > 0 && phase.compareAndSet(WAITING, EXPIRED)) {
            close();
        }
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
        watch.forget(this);
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket that is already broken: nothing left to release
        }
    }
}
