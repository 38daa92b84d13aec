package com.usersplatform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * A real {@code redis-server} process on a free port of 127.0.0.1, for tests.
 *
 * <p>The binary is {@code redis-server} from {@code PATH} (override with system property
 * {@code testing.redis.binary} or env {@code TESTING_REDIS_BINARY}: a name or a path); when none is found, the
 * static binary shipped by the build ({@code org.signal:embedded-redis}) is used, so a machine with only a JDK
 * runs every Redis test. Data lives in a private temp directory with an append-only file, so {@link #restart()}
 * keeps it. Processes still running when the JVM exits are stopped by a shutdown hook.
 *
 * <pre>{@code
 * try (RedisServer redis = RedisServer.start()) {
 *     redis.command("ACL", "SETUSER", "app", "on", ">secret", "~*", "+@all");
 *     connect(redis.host(), redis.port());
 * }
 * }</pre>
 */
public final class RedisServer implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private static final long START_TIMEOUT_MS = 10_000;
    private static final long STOP_TIMEOUT_MS = 10_000;
    private static final Set<RedisServer> RUNNING = ConcurrentHashMap.newKeySet();
    private static volatile Boolean tlsAvailable;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(RUNNING).forEach(RedisServer::close),
                "redis-server-cleanup"));
    }

    private final Path binary;
    private final Path dir;
    private final ThrowawayPki pki;
    private final int port;
    private Process process;

    private RedisServer(Path binary, boolean tls) {
        this.binary = binary;
        try {
            this.dir = Files.createTempDirectory("redis-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.pki = tls ? ThrowawayPki.generate(dir) : null;
        this.port = freePort();
    }

    /** Starts a plain-text server (no password: the {@code default} user is open). */
    public static RedisServer start() {
        return start(RedisBinary.resolve(), false);
    }

    /**
     * Starts a TLS-only server (plain port disabled) whose certificate is signed by a throwaway CA generated for
     * it; clients trust {@link #caCertFile()}. Client certificates are not required.
     *
     * @throws IllegalStateException when the binary has no TLS support (check {@link #tlsAvailable()} first)
     */
    public static RedisServer startTls() {
        return start(RedisBinary.resolve(), true);
    }

    /** Whether the redis-server in use supports TLS (probed once per JVM by starting a TLS server). */
    public static boolean tlsAvailable() {
        if (tlsAvailable == null) {
            synchronized (RedisServer.class) {
                if (tlsAvailable == null) {
                    tlsAvailable = probeTls();
                }
            }
        }
        return tlsAvailable;
    }

    static RedisServer start(Path binary, boolean tls) {
        RedisServer server = new RedisServer(binary, tls);
        try {
            server.launch();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Always {@code 127.0.0.1}. */
    public String host() {
        return HOST;
    }

    /** The port (the TLS port for {@link #startTls()}); unchanged across {@link #restart()}. */
    public int port() {
        return port;
    }

    /** Whether this server speaks only TLS. */
    public boolean isTls() {
        return pki != null;
    }

    /** PEM file of the throwaway CA that signed the server certificate (TLS servers only). */
    public Path caCertFile() {
        if (pki == null) {
            throw new IllegalStateException("Not a TLS server");
        }
        return pki.caCert();
    }

    /** The redis-server executable this server runs. */
    public Path binary() {
        return binary;
    }

    /** Whether the process is running. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Runs one command as the {@code default} user and returns the reply rendered as text: simple and bulk
     * strings as they are, integers in decimal, arrays as a {@link List#toString()}, nil as {@code null}.
     *
     * @throws CommandException when Redis answers with an error
     */
    public String command(String... args) {
        Object reply = call(args);
        return reply == null ? null : reply.toString();
    }

    /**
     * Runs one command as the {@code default} user and returns the raw reply: {@code String}, {@code Long},
     * {@code List<Object>} or {@code null}.
     *
     * @throws CommandException when Redis answers with an error
     */
    public Object call(String... args) {
        try {
            return RespClient.call(HOST, port, tlsContext(), args);
        } catch (IOException e) {
            throw new UncheckedIOException("Redis on port " + port + " did not answer " + args[0], e);
        }
    }

    /** Stops the process (SIGTERM: Redis flushes its append-only file). Idempotent. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
        RUNNING.remove(this);
    }

    /** Stops (if running) and starts again on the same port with the same data. */
    public synchronized void restart() {
        stop();
        launch();
    }

    /** Stops the process and deletes its data directory. */
    @Override
    public synchronized void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp directory
        }
    }

    @Override
    public String toString() {
        return "RedisServer[" + HOST + ":" + port + (isTls() ? ", tls" : "") + ", " + binary + "]";
    }

    private synchronized void launch() {
        ProcessBuilder builder = new ProcessBuilder(arguments())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + binary, e);
        }
        RUNNING.add(this);
        awaitPong();
    }

    private List<String> arguments() {
        List<String> args = new ArrayList<>(List.of(binary.toString(),
                "--bind", HOST, "--protected-mode", "no", "--daemonize", "no",
                "--dir", dir.toString(), "--save", "", "--appendonly", "yes", "--appendfsync", "everysec"));
        if (pki == null) {
            args.addAll(List.of("--port", Integer.toString(port)));
        } else {
            args.addAll(List.of("--port", "0", "--tls-port", Integer.toString(port),
                    "--tls-cert-file", pki.serverCert().toString(), "--tls-key-file", pki.serverKey().toString(),
                    "--tls-ca-cert-file", pki.caCert().toString(), "--tls-auth-clients", "no"));
        }
        return args;
    }

    private void awaitPong() {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        Exception last = null;
        while (System.currentTimeMillis() < deadline && process.isAlive()) {
            try {
                if ("PONG".equals(RespClient.call(HOST, port, tlsContext(), "PING"))) {
                    return;
                }
            } catch (IOException | CommandException e) {
                last = e; // not listening yet, or LOADING the append-only file
            }
            sleep(50);
        }
        stop();
        throw new IllegalStateException("redis-server did not start on port " + port + " (" + binary + "): "
                + (last == null ? "" : last.getMessage()) + "\n" + logTail(), last);
    }

    private SSLContext tlsContext() {
        return pki == null ? null : pki.clientContext();
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("redis.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static boolean probeTls() {
        try (RedisServer probe = startTls()) {
            return Objects.equals("PONG", probe.command("PING"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for redis-server", e);
        }
    }

    /** An error reply from Redis, e.g. {@code ERR unknown command}. */
    public static final class CommandException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CommandException(String message) {
            super(message);
        }
    }
}
