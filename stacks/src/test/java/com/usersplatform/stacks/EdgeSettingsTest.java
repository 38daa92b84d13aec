package com.usersplatform.stacks;

import static com.usersplatform.stacks.StackFiles.problems;
import static com.usersplatform.stacks.StackFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WAF sizes within WAF's bounds and on in production; trusted proxy hops bounded. */
class EdgeSettingsTest {

    @TempDir
    Path dir;

    @Test
    void wafBoundsAreWafsOwnNamingTheKeys() {
        List<String> problems = problems(write(dir, "waf", "users-platform:waf: {rateLimit: 9, rateWindowSeconds: 30}",
                "users-platform:gateway: {trustedProxyHops: 11}"));
        assertEquals(List.of(
                "users-platform:gateway.trustedProxyHops: must be between 0 and 10, got 11",
                "users-platform:waf.rateLimit: 9 per 30 s per address is below what one API key may send"
                        + " (gateway.rateLimitRps 50 x 30 s = 1500): WAF would refuse clients the gateway admits",
                "users-platform:waf.rateLimit: must be between 10 and 2000000000, got 9",
                "users-platform:waf.rateWindowSeconds: must be one of [60, 120, 300, 600], got 30"),
                problems.stream().sorted().toList());
    }

    @Test
    void wafNeverRefusesWhatOneKeyMaySend() {
        String gateway = "users-platform:gateway: {rateLimitRps: 200, rateLimitBurst: 400}";
        assertEquals(List.of("users-platform:waf.rateLimit: 59999 per 300 s per address is below what one API key may"
                        + " send (gateway.rateLimitRps 200 x 300 s = 60000): WAF would refuse clients the gateway admits"),
                problems(write(dir, "tight", gateway, "users-platform:waf: {rateLimit: 59999}")));
        assertEquals(60_000, StackConfigLoader.loadFile(write(dir, "fits", gateway,
                "users-platform:waf: {rateLimit: 60000}")).waf().rateLimit());
        assertEquals(10, StackConfigLoader.loadFile(write(dir, "off", gateway,
                "users-platform:waf: {enabled: false, rateLimit: 10}")).waf().rateLimit());
    }

    @Test
    void productionKeepsWafOn() {
        List<String> problems = problems(write(dir, "nowaf", "users-platform:production: true",
                "users-platform:waf: {enabled: false}"));
        assertTrue(problems.contains("users-platform:waf.enabled: must be true in production (the public endpoint is"
                + " filtered by WAF)"), problems.toString());
    }

    @Test
    void defaultsTrustTheAlbAndRateLimitAtWafsUsualScale() {
        assertEquals(1, StackConfig.DEFAULTS.gateway().trustedProxyHops());
        assertEquals(new WafConfig(true, 30_000, 300), StackConfig.DEFAULTS.waf());
    }
}
