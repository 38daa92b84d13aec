package com.usersplatform.gateway;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.usersplatform.gateway.testing.TestGateway;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Behind the ALB (one trusted hop) anonymous clients are rate-limited by the address the ALB appended to
 * {@code X-Forwarded-For}, over real HTTP: a client that forges another's address in the header exhausts only its
 * own bucket.
 */
class ForwardedClientRateLimitIntegrationTest {
    private static final String VICTIM = "198.51.100.7";
    private static final String ATTACKER = "198.51.100.9";

    @Test
    void aSpoofedForwardedForCannotSpendAnotherClientsBucket() throws Exception {
        // Nothing listens on port 1: anonymous /api requests end at the guard (401 or 429), never upstream.
        try (TestGateway gateway = TestGateway.start("http://127.0.0.1:1", Map.of(
                "rate.limit.rps", "1", "rate.limit.burst", "3", "rate.limit.trusted.hops", "1"))) {
            List<Integer> attacker = new ArrayList<>();
            for (int i = 0; i < 8 && !attacker.contains(429); i++) {
                // The attacker writes the victim's address; the ALB appends the attacker's real one.
                attacker.add(anonymous(gateway, VICTIM + ", " + ATTACKER).statusCode());
            }
            assertTrue(attacker.contains(429), "the attacker is limited: " + attacker);
            assertEquals(401, anonymous(gateway, VICTIM).statusCode(), "the victim's bucket is untouched");
            assertEquals(429, anonymous(gateway, "203.0.113.1, " + ATTACKER).statusCode(),
                    "another forged address does not give the attacker a fresh bucket");
        }
    }

    private static HttpResponse<String> anonymous(TestGateway gateway, String forwardedFor) {
        return gateway.send("GET", "/api/users/x", null, "X-Forwarded-For", forwardedFor);
    }
}
