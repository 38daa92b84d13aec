package com.usersplatform.gateway.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.usersplatform.common.TracingSettings;
import com.usersplatform.testing.RedisServer;
import com.usersplatform.users.Main;
import com.usersplatform.users.UsersConfig;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/** The real users service, in-process on 127.0.0.1, on a real redis-server; can be stopped and started again. */
public final class TestUsers implements AutoCloseable {
    private final UsersConfig config;
    private final List<SpanExporter> spanExporters;
    private Main.Running running;

    private TestUsers(UsersConfig config, List<SpanExporter> spanExporters) {
        this.config = config;
        this.spanExporters = spanExporters;
    }

    /** Starts users on {@code port} (0 = any free port) over {@code redis}. */
    public static TestUsers start(RedisServer redis, int port) {
        return start(redis, port, TracingSettings.disabled(), List.of());
    }

    /** As {@link #start(RedisServer, int)} with {@code tracing}, also exporting every span to {@code spanExporters}. */
    public static TestUsers start(RedisServer redis, int port, TracingSettings tracing,
                                  List<SpanExporter> spanExporters) {
        return start(redis, port, tracing, spanExporters, Optional.empty());
    }

    /** As {@link #start(RedisServer, int)}, authenticating to Redis with the credentials file, as in the cluster. */
    public static TestUsers startWithCredentials(RedisServer redis, Path credentialsFile) {
        return start(redis, 0, TracingSettings.disabled(), List.of(), Optional.of(credentialsFile));
    }

    private static TestUsers start(RedisServer redis, int port, TracingSettings tracing,
                                   List<SpanExporter> spanExporters, Optional<Path> credentialsFile) {
        UsersConfig config = new UsersConfig("127.0.0.1", port == 0 ? FreePort.find() : port,
                Duration.ofMillis(200), "test", 16_384,
                new UsersConfig.RedisConfig(redis.host(), redis.port(), false, Optional.empty(), credentialsFile,
                        Duration.ofSeconds(1), 8, Duration.ofMillis(500), Duration.ofMillis(500)), tracing);
        TestUsers users = new TestUsers(config, spanExporters);
        users.startAgain();
        return users;
    }

    /** Starts the service again on the same port. */
    public synchronized void startAgain() {
        running = Main.start(config, spanExporters);
    }

    /** Stops the service (port closed, connections refused). */
    public synchronized void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    public int port() {
        return config.port();
    }

    /** Exports every ended span now. */
    public synchronized void flushSpans() {
        running.tracing().flush();
    }

    public String url() {
        return "http://127.0.0.1:" + config.port();
    }

    @Override
    public void close() {
        stop();
    }
}
