package com.usersplatform.gateway.testing;

import java.time.Duration;
import java.util.Optional;

import com.usersplatform.testing.RedisServer;
import com.usersplatform.users.Main;
import com.usersplatform.users.UsersConfig;

/** The real users service, in-process on 127.0.0.1, on a real redis-server; can be stopped and started again. */
public final class TestUsers implements AutoCloseable {
    private final UsersConfig config;
    private Main.Running running;

    private TestUsers(UsersConfig config) {
        this.config = config;
    }

    /** Starts users on {@code port} (0 = any free port) over {@code redis}. */
    public static TestUsers start(RedisServer redis, int port) {
        UsersConfig config = new UsersConfig("127.0.0.1", port == 0 ? FreePort.find() : port,
                Duration.ofMillis(200), "test", 16_384,
                new UsersConfig.RedisConfig(redis.host(), redis.port(), false, Optional.empty(), Optional.empty(),
                        Duration.ofSeconds(1), 8, Duration.ofMillis(500), Duration.ofMillis(500)));
        TestUsers users = new TestUsers(config);
        users.startAgain();
        return users;
    }

    /** Starts the service again on the same port. */
    public synchronized void startAgain() {
        running = Main.start(config);
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

    public String url() {
        return "http://127.0.0.1:" + config.port();
    }

    @Override
    public void close() {
        stop();
    }
}
