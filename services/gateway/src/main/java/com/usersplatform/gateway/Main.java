package com.usersplatform.gateway;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.usersplatform.common.HttpMetrics;
import com.usersplatform.common.Logs;
import com.usersplatform.common.ServiceInfo;
import com.usersplatform.common.ServiceLifecycle;
import com.usersplatform.common.ServiceRouting;
import com.usersplatform.common.Tracing;
import com.usersplatform.gateway.protection.ApiGuard;
import com.usersplatform.gateway.protection.ClientAddress;
import com.usersplatform.gateway.protection.ApiKeys;
import com.usersplatform.gateway.protection.RateLimiter;
import com.usersplatform.gateway.upstream.UpstreamClient;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.spi.ConfigSource;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/** The API gateway: {@code /api/users/**} guarded and forwarded to the users service, plus health and metrics. */
public final class Main {
    private Main() {
    }

    /** Starts the gateway with {@link #config} over this process's environment; stops on SIGTERM. */
    public static void main(String[] args) {
        Config config = config(ConfigSources.environmentVariables());
        GatewayConfig settings = GatewayConfig.from(config);
        Logs.install(new ServiceInfo("gateway", settings.version()), settings.logLevel());
        Running running = start(config, settings, List.of());
        ServiceLifecycle.started(running.server(), running.tracing());
    }

    /**
     * The gateway's configuration: every source, highest priority first, and nothing discovered. (Helidon's
     * {@code Config.create()} would also read meta-configuration, a profile named by {@code HELIDON_CONFIG_PROFILE},
     * and any {@code application.*} file, in every format it parses, from the working directory or the class path:
     * {@code io.helidon.config.MetaConfigFinder} in helidon-config 4.5.0. A stray file could change a setting.)
     *
     * @param environment the process's environment variables ({@code ConfigSources.environmentVariables()}, which
     *                    adds Helidon's aliases: {@code RATE_LIMIT_RPS} is {@code rate.limit.rps}); tests pass a map
     */
    static Config config(ConfigSource environment) {
        return Config.builder()
                .disableSystemPropertiesSource()
                .disableEnvironmentVariablesSource()
                .sources(
                        // -D flags: a local run overrides a single key.
                        ConfigSources.systemProperties(),
                        // The Deployment's ConfigMap: the contract's settings and, rarely, a finer knob
                        // (UPSTREAM_BREAKER_OPEN_MS).
                        () -> environment,
                        // Shipped in the jar: the server's bind address, shutdown grace period and response checks.
                        ConfigSources.classpath("application.yaml"))
                .build();
    }

    /**
     * Builds and starts the server from {@code config} (the root node; tests pass their own).
     *
     * @param spanExporters exporters besides the configured ones (tests collect spans in memory)
     */
    public static Running start(Config config, List<SpanExporter> spanExporters) {
        return start(config, GatewayConfig.from(config), spanExporters);
    }

    /** As {@link #start(Config, List)} with the settings already read from {@code config} (read once). */
    static Running start(Config config, GatewayConfig settings, List<SpanExporter> spanExporters) {
        HttpMetrics metrics = new HttpMetrics();
        Tracing tracing = Tracing.create(new ServiceInfo("gateway", settings.version()), Tracing.Role.EDGE,
                settings.tracing(), metrics, spanExporters);
        try {
            WebServer server = WebServer.builder()
                    .config(config.get("server"))
                    .port(settings.port())
                    .shutdownHook(false)
                    // The public edge answers requests Helidon rejects before routing with the API's error body.
                    .directHandlers(ServiceRouting.directHandlers())
                    .update(routing(settings, metrics, tracing))
                    .build()
                    .start();
            // Helidon logs "Failed to start server" (e.g. the port is taken) and returns without throwing.
            if (!server.isRunning()) {
                throw new IllegalStateException("HTTP server did not start on port " + settings.port());
            }
            return new Running(server, tracing);
        } catch (RuntimeException e) {
            tracing.close();
            throw e;
        }
    }

    /** The gateway's routing (applied to the server): standard service routes, the API guard, the users proxy. */
    static Consumer<WebServerConfig.Builder> routing(GatewayConfig config, HttpMetrics metrics, Tracing tracing) {
        GatewayMetrics gatewayMetrics = new GatewayMetrics(metrics);
        UpstreamClient users = new UpstreamClient("users", config.upstream(), gatewayMetrics,
                tracing.openTelemetry());
        ApiKeys keys = new ApiKeys(config.apiKeysFile(), config.apiKeysRecheck(), Clock.systemUTC());
        RateLimiter limiter = new RateLimiter(config.rateLimitRps(), config.rateLimitBurst(),
                config.rateLimitClients());
        gatewayMetrics.watch(users);
        gatewayMetrics.watch(limiter);
        gatewayMetrics.watch(keys);
        return ServiceRouting.create(new ServiceInfo("gateway", config.version()), metrics, tracing,
                Map.of("users", new UsersReadiness(config.upstream().baseUri(), config.readinessTimeout())),
                api -> api.addFilter(new ApiGuard(keys, limiter, new ClientAddress(config.trustedProxyHops())))
                        .register(UsersProxyService.PUBLIC_PREFIX, new UsersProxyService(users, config.bodyLimitBytes())));
    }

    /**
     * A started gateway.
     *
     * @param server  the HTTP server
     * @param tracing its tracing (flushed and closed after the server stops)
     */
    public record Running(WebServer server, Tracing tracing) implements AutoCloseable {
        /** Stops the server, then exports the remaining spans. */
        @Override
        public void close() {
            ServiceLifecycle.shutdown(server, List.of(tracing));
        }
    }
}
