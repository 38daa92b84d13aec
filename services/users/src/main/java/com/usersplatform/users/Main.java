package com.usersplatform.users;

import com.usersplatform.common.HealthCheck;
import com.usersplatform.common.HttpMetrics;
import com.usersplatform.common.Logs;
import com.usersplatform.common.ServiceInfo;
import com.usersplatform.common.ServiceLifecycle;
import com.usersplatform.common.ServiceRouting;
import com.usersplatform.users.redis.RedisUserStore;
import com.usersplatform.users.store.UserStore;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.util.LinkedHashMap;
import java.util.Map;

/** The users service: user CRUD on Redis (port 3001 by default). */
public final class Main {
    static final String SERVICE = "users";

    private Main() {
    }

    /** Reads the configuration from {@code application.yaml} and the environment, and serves until SIGTERM. */
    public static void main(String[] args) {
        UsersConfig config = UsersConfig.load(System.getenv());
        Logs.install(new ServiceInfo(SERVICE, config.version()));
        Running running = start(config);
        ServiceLifecycle.started(running.server(), running.store());
    }

    /** Connects the store and starts the server (tests call this and {@link Running#close()}). */
    public static Running start(UsersConfig config) {
        HttpMetrics metrics = new HttpMetrics();
        RedisUserStore store = RedisUserStore.connect(config.redis(), metrics);
        try {
            WebServer server = WebServer.builder()
                    .host(config.host())
                    .port(config.port())
                    .shutdownGracePeriod(config.shutdownGracePeriod())
                    .shutdownHook(false)
                    .directHandlers(ServiceRouting.directHandlers())
                    .routing(routing(new ServiceInfo(SERVICE, config.version()), metrics, store,
                            config.bodyLimitBytes()))
                    .build()
                    .start();
            // Helidon logs "Failed to start server" (e.g. the port is taken) and returns without throwing.
            if (!server.isRunning()) {
                throw new IllegalStateException("HTTP server did not start on " + config.host() + ":" + config.port());
            }
            return new Running(server, store);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The full routing of the service over {@code store}. */
    static HttpRouting.Builder routing(ServiceInfo service, HttpMetrics metrics, UserStore store, int bodyLimitBytes) {
        Map<String, HealthCheck> readiness = new LinkedHashMap<>();
        readiness.put("redis", store::isReachable);
        readiness.put("redis_credentials", store::credentialsFresh);
        return ServiceRouting.create(service, metrics, readiness, api -> {
            api.register("/users", new UserService(store, bodyLimitBytes));
            UserService.errorHandlers(api);
        });
    }

    /**
     * A started service.
     *
     * @param server the HTTP server
     * @param store  the Redis store (closed after the server stops)
     */
    public record Running(WebServer server, RedisUserStore store) implements AutoCloseable {
        /** Stops the server, then closes the store. */
        @Override
        public void close() {
            ServiceLifecycle.shutdown(server, java.util.List.of(store));
        }
    }
}
