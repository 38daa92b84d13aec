package com.usersplatform.stacks;

/**
 * Gateway protection settings, handed to the gateway pods as its environment (see the service's configuration).
 *
 * @param rateLimitRps sustained requests per second allowed per client ({@code RATE_LIMIT_RPS})
 * @param rateLimitBurst requests a client may burst above the sustained rate; at least {@code rateLimitRps}
 *        ({@code RATE_LIMIT_BURST})
 * @param bodyLimitBytes largest request body accepted, bytes, 1 to 10485760; larger gets 413
 *        ({@code BODY_LIMIT_BYTES})
 * @param upstreamConnectTimeoutMs connect timeout towards users, ms ({@code UPSTREAM_CONNECT_TIMEOUT_MS})
 * @param upstreamReadTimeoutMs read timeout towards users, ms ({@code UPSTREAM_READ_TIMEOUT_MS})
 * @param apiKeysSecretName name of the Secrets Manager secret holding the API keys' hashes (one lowercase hex
 *        SHA-256 per line), synced by External Secrets into a file mounted in the gateway pods ({@code API_KEYS_FILE})
 */
public record GatewaySettings(
        int rateLimitRps,
        int rateLimitBurst,
        int bodyLimitBytes,
        int upstreamConnectTimeoutMs,
        int upstreamReadTimeoutMs,
        String apiKeysSecretName) {

    /** Defaults: 50 rps with bursts of 100 per client, 16 KiB bodies, 1 s connect and 5 s read timeouts. */
    public static final GatewaySettings DEFAULTS =
            new GatewaySettings(50, 100, 16384, 1000, 5000, "users-platform/gateway-api-keys");
}
