package com.usersplatform.gateway;

import java.net.URI;
import java.time.Duration;

import com.usersplatform.common.HealthCheck;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;

/** Readiness of the gateway's one dependency: the users service answers 200 on {@code /health/ready} in time. */
final class UsersReadiness implements HealthCheck {
    private final WebClient client;

    UsersReadiness(URI usersUrl, Duration timeout) {
        this.client = WebClient.builder()
                .baseUri(usersUrl)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .build();
    }

    @Override
    public boolean isUp() {
        try (HttpClientResponse response = client.get("/health/ready").request()) {
            return response.status().code() == 200;
        }
    }
}
