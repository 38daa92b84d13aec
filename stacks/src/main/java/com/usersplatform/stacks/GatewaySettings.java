package com.usersplatform.stacks;

import com.usersplatform.contract.CommonContract;
import com.usersplatform.contract.GatewayContract;
import com.usersplatform.contract.Setting;

import java.util.Map;

/**
 * Gateway protection settings, handed to the gateway pods as its environment. Each field is one setting of the
 * gateway's contract ({@link #SERVICE_SETTINGS}): its default, bounds and environment variable come from there.
 *
 * @param rateLimitRps sustained requests per second allowed per client
 * @param rateLimitBurst requests a client may burst above the sustained rate, never fewer than {@code rateLimitRps}
 * @param bodyLimitBytes largest request body accepted, bytes; larger gets 413
 * @param upstreamConnectTimeoutMs connect timeout towards users, ms
 * @param upstreamReadTimeoutMs read timeout towards users, ms
 * @param trustedProxyHops proxies in front of the gateway that append to {@code X-Forwarded-For}: anonymous
 *        clients are rate-limited by the address that many entries from the right (1: the ALB)
 */
public record GatewaySettings(
        int rateLimitRps,
        int rateLimitBurst,
        int bodyLimitBytes,
        int upstreamConnectTimeoutMs,
        int upstreamReadTimeoutMs,
        int trustedProxyHops) {

    /** The gateway setting each field is handed to, by field name. */
    public static final Map<String, Setting> SERVICE_SETTINGS = Map.of(
            "rateLimitRps", GatewayContract.RATE_LIMIT_RPS,
            "rateLimitBurst", GatewayContract.RATE_LIMIT_BURST,
            "bodyLimitBytes", CommonContract.BODY_LIMIT_BYTES,
            "upstreamConnectTimeoutMs", GatewayContract.UPSTREAM_CONNECT_TIMEOUT_MS,
            "upstreamReadTimeoutMs", GatewayContract.UPSTREAM_READ_TIMEOUT_MS,
            "trustedProxyHops", GatewayContract.RATE_LIMIT_TRUSTED_HOPS);

    /**
     * Defaults: the gateway's own, from its settings contract, except one trusted proxy: in the cluster the ALB is
     * always in front, while the service alone defaults to direct clients (0).
     */
    public static final GatewaySettings DEFAULTS = new GatewaySettings(
            GatewayContract.RATE_LIMIT_RPS.defaultInt(),
            GatewayContract.RATE_LIMIT_BURST.defaultInt(),
            CommonContract.BODY_LIMIT_BYTES.defaultInt(),
            GatewayContract.UPSTREAM_CONNECT_TIMEOUT_MS.defaultInt(),
            GatewayContract.UPSTREAM_READ_TIMEOUT_MS.defaultInt(),
            1);
}
