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
 * @param trustedProxyHops proxies in front of the gateway that append to {@code X-Forwarded-For}, 0 to 10: anonymous
 *        clients are rate-limited by the address that many entries from the right (1: the ALB)
 *        ({@code RATE_LIMIT_TRUSTED_HOPS})
 */
public record GatewaySettings(
        int rateLimitRps,
        int rateLimitBurst,
        int bodyLimitBytes,
        int upstreamConnectTimeoutMs,
        int upstreamReadTimeoutMs,
        String apiKeysSecretName,
        int trustedProxyHops) {

    /**
     * Defaults: 50 rps with bursts of 100 per client, 16 KiB bodies, 1 s connect and 5 s read timeouts, one trusted
     * proxy (the ALB).
     */
    public static final GatewaySettings DEFAULTS =
            new GatewaySettings(50, 100, 16384, 1000, 5000, "users-platform/gateway-api-keys", 1);
}
