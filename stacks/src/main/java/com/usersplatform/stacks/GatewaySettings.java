package com.usersplatform.stacks;

import com.usersplatform.contract.GatewayContract;

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
        int trustedProxyHops) {

    /**
     * Defaults: the gateway's own, from its settings contract (50 rps with bursts of 100 per client, 16 KiB bodies,
     * 500 ms connect and 5 s read timeouts), except one trusted proxy: in the cluster the ALB is always in front,
     * while the service alone defaults to direct clients (0).
     */
    public static final GatewaySettings DEFAULTS = new GatewaySettings(
            GatewayContract.RATE_LIMIT_RPS.defaultInt(),
            GatewayContract.RATE_LIMIT_BURST.defaultInt(),
            GatewayContract.BODY_LIMIT_BYTES.defaultInt(),
            GatewayContract.UPSTREAM_CONNECT_TIMEOUT_MS.defaultInt(),
            GatewayContract.UPSTREAM_READ_TIMEOUT_MS.defaultInt(),
            1);
}
