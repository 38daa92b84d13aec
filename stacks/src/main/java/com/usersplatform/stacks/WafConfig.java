package com.usersplatform.stacks;

import java.util.List;

/**
 * The AWS WAF web ACL on the gateway's load balancer: AWS's managed common and known-bad-inputs rule groups, then a
 * rate-based rule answering {@code 429} to any client address above {@code rateLimit} requests per
 * {@code rateWindowSeconds}.
 *
 * @param enabled create the web ACL and associate it with the ALB; required in production
 * @param rateLimit requests one client address may send per window before WAF answers {@code 429}, 10 to
 *        2000000000 (WAF's bounds) and never below what one API key may send in the window
 *        ({@code gateway.rateLimitRps} x {@code rateWindowSeconds}); the default, 30000 per 5 minutes (100 a second),
 *        holds the gateway's default and production per-key rates
 * @param rateWindowSeconds the window WAF counts requests over: 60, 120, 300 or 600
 */
public record WafConfig(boolean enabled, int rateLimit, int rateWindowSeconds) {

    /** Windows WAF accepts for a rate-based rule. */
    public static final List<Integer> WINDOWS = List.of(60, 120, 300, 600);

    /** Defaults: on, 30000 requests per 5 minutes per address. */
    public static final WafConfig DEFAULTS = new WafConfig(true, 30_000, 300);
}
