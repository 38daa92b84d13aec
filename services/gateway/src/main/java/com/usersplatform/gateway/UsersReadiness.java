package com.usersplatform.gateway;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import com.usersplatform.common.HealthCheck;
import com.usersplatform.gateway.upstream.UpstreamProbe;

/**
 * Readiness of the gateway's one dependency: the users service answers 200 on {@code /health/ready} in time. The
 * probe speaks the forwarding client's plain HTTP/1.1 rather than through Helidon's WebClient, whose construction
 * sets up TLS (a trust store the gateway never uses: {@code USERS_URL} is {@code http} only) and was the largest
 * single step of the gateway's start (docs/performance.md, "Start-up").
 */
final class UsersReadiness implements HealthCheck {
    private final UpstreamProbe probe;

    UsersReadiness(URI usersUrl, Duration timeout) {
        this.probe = new UpstreamProbe(usersUrl, "/health/ready", timeout);
    }

    @Override
    public boolean isUp() throws IOException {
        return probe.status() == 200;
    }
}
