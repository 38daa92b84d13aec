package com.usersplatform.stacks;

/** Rules of {@link WafConfig}. */
final class WafRules {

    private WafRules() {
    }

    /**
     * The web ACL's rate-based rule within WAF's bounds (limit 10 to 2,000,000,000; window 60, 120, 300 or 600 s:
     * https://docs.aws.amazon.com/waf/latest/APIReference/API_RateBasedStatement.html), never tighter than one API
     * key's rate; on in production.
     */
    static void check(WafConfig waf, GatewaySettings gateway, boolean production, Problems problems) {
        String path = StackValidator.PREFIX + "waf";
        // The API promises each key rateLimitRps a second; a tighter per-address edge limit would break that promise
        // for every client that sends from one address.
        long oneKeyPerWindow = (long) gateway.rateLimitRps() * waf.rateWindowSeconds();
        problems.check(!waf.enabled() || waf.rateLimit() >= oneKeyPerWindow, path + ".rateLimit",
                waf.rateLimit() + " per " + waf.rateWindowSeconds() + " s per address is below what one API key may send"
                        + " (gateway.rateLimitRps " + gateway.rateLimitRps() + " x " + waf.rateWindowSeconds() + " s = "
                        + oneKeyPerWindow + "): WAF would refuse clients the gateway admits");
        problems.range(path + ".rateLimit", waf.rateLimit(), 10, 2_000_000_000);
        problems.check(WafConfig.WINDOWS.contains(waf.rateWindowSeconds()), path + ".rateWindowSeconds",
                "must be one of " + WafConfig.WINDOWS + ", got " + waf.rateWindowSeconds());
        problems.check(!production || waf.enabled(), path + ".enabled",
                "must be true in production (the public endpoint is filtered by WAF)");
    }
}
