package com.usersplatform.users;

import com.usersplatform.common.HealthCheck;
import com.usersplatform.common.HttpMetrics;
import com.usersplatform.common.Logs;
import com.usersplatform.common.ServiceInfo;
import com.usersplatform.common.ServiceLifecycle;
import com.usersplatform.common.ServiceRouting;
import com.usersplatform.common.Tracing;
import com.usersplatform.users.redis.RedisUserStore;
import com.usersplatform.users.store.UserStore;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The users service: user CRUD on Redis (port 3001 by default). */
public final class Main {
    static final String SERVICE = "users";

    private Main() {
    }

    /** Reads the configuration from {@code application.yaml} and the environment, and serves until SIGTERM. */
    public static void main(String[] args) {
        UsersConfig config = UsersConfig.load(System.getenv());
        Logs.install(new ServiceInfo(SERVICE, config.version()), config.logLevel());
        Running running = start(config, List.of());
        ServiceLifecycle.started(running.server(), running.store(), running.tracing());
    }

    /** Connects the store and starts the server (tests call this and {@link Running#close()}). */
    public static Running start(UsersConfig config) {
        return start(config, List.of());
    }

    /** As {@link #start(UsersConfig)}, also exporting every span to {@code spanExporters} (tests). */
    public static Running start(UsersConfig config, List<SpanExporter> spanExporters) {
        HttpMetrics metrics = new HttpMetrics();
        ServiceInfo service = new ServiceInfo(SERVICE, config.version());
        Tracing tracing = Tracing.create(service, Tracing.Role.INTERNAL, config.tracing(), metrics, spanExporters);
        RedisUserStore store = RedisUserStore.connect(config.redis(), metrics, tracing.tracer());
        try {
            WebServer server = WebServer.builder()
                    .host(config.host())
                    .port(config.port())
                    .shutdownGracePeriod(config.shutdownGracePeriod())
                    .shutdownHook(false)
                    .directHandlers(ServiceRouting.directHandlers())
                    .update(routing(service, metrics, tracing, store, config.bodyLimitBytes()))
                    .build()
                    .start();
            // Helidon logs "Failed to start server" (e.g. the port is taken) and returns without throwing.
            if (!server.isRunning()) {
                throw new IllegalStateException("HTTP server did not start on " + config.host() + ":" + config.port());
            }
            return new Running(server, store, tracing);
        } catch (RuntimeException e) {
            store.close();
            tracing.close();
            throw e;
        }
    }

    /** The full routing of the service over {@code store}, with its observe feature (applied to the server). */
    static Consumer<WebServerConfig.Builder> routing(ServiceInfo service, HttpMetrics metrics, Tracing tracing,
                                                     UserStore store, int bodyLimitBytes) {
        Map<String, HealthCheck> readiness = new LinkedHashMap<>();
        readiness.put("redis", store::isReachable);
        // Refused credentials past the grace are reported, not gating: the pod still serves on the connections that
        // work, and one left with none fails the redis check above (its PING needs a connection that logs in).
        readiness.put("redis_credentials", HealthCheck.advisory("STALE", store::credentialsFresh));
        return ServiceRouting.create(service, metrics, tracing, readiness, api -> {
            api.register("/users", new UserService(store, bodyLimitBytes));
            UserService.errorHandlers(api);
        });
    }

    /**
     * A started service.
     *
     * @param server the HTTP server
     * @param store   the Redis store (closed after the server stops)
     * @param tracing its tracing (remaining spans exported last)
     */
    public record Running(WebServer server, RedisUserStore store, Tracing tracing) implements AutoCloseable {
        /** Stops the server, then closes the store and exports the remaining spans. */
        @Override
        public void close() {
            ServiceLifecycle.shutdown(server, List.of(store, tracing));
        }
    }
}
