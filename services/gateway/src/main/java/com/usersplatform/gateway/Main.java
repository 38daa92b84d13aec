package com.usersplatform.gateway;

import java.time.Clock;
import java.util.Map;

import com.usersplatform.common.HttpMetrics;
import com.usersplatform.common.Logs;
import com.usersplatform.common.ServiceInfo;
import com.usersplatform.common.ServiceLifecycle;
import com.usersplatform.common.ServiceRouting;
import com.usersplatform.gateway.protection.ApiGuard;
import com.usersplatform.gateway.protection.ApiKeys;
import com.usersplatform.gateway.protection.RateLimiter;
import com.usersplatform.gateway.upstream.UpstreamClient;
import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

/** The API gateway: {@code /api/users/**} guarded and forwarded to the users service, plus health and metrics. */
public final class Main {
    private Main() {
    }

    /** Starts the gateway with {@code application.yaml} and environment overrides; stops on SIGTERM. */
    public static void main(String[] args) {
        Config config = Config.create();
        Logs.install(new ServiceInfo("gateway", GatewayConfig.from(config).version()));
        ServiceLifecycle.started(start(config));
    }

    /** Builds and starts the server from {@code config} (the root node; tests pass their own). */
    public static WebServer start(Config config) {
        return WebServer.builder()
                .config(config.get("server"))
                .shutdownHook(false)
                .routing(routing(GatewayConfig.from(config)))
                .build()
                .start();
    }

    /** The gateway's routing: standard service routes, the API guard, and the users proxy. */
    public static HttpRouting.Builder routing(GatewayConfig config) {
        HttpMetrics metrics = new HttpMetrics();
        GatewayMetrics gatewayMetrics = new GatewayMetrics(metrics);
        UpstreamClient users = new UpstreamClient("users", config.upstream(), gatewayMetrics);
        ApiKeys keys = new ApiKeys(config.apiKeysFile(), config.apiKeysRecheck(), Clock.systemUTC());
        RateLimiter limiter = new RateLimiter(config.rateLimitRps(), config.rateLimitBurst(),
                config.rateLimitClients());
        gatewayMetrics.watch(users);
        gatewayMetrics.watch(limiter);
        gatewayMetrics.watch(keys);
        return ServiceRouting.create(new ServiceInfo("gateway", config.version()), metrics,
                Map.of("users", new UsersReadiness(config.upstream().baseUri(), config.readinessTimeout())),
                api -> api.addFilter(new ApiGuard(keys, limiter))
                        .register("/api", new UsersProxyService(users, config.bodyLimitBytes())));
    }
}
