package com.usersplatform.gateway.upstream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UpstreamPathsTest {
    @Test
    void keepsEveryDecodedIdInsideOneEncodedSegment() {
        assertEquals("/users/3f2a-b_c.d~e", UpstreamPaths.child("/users", "3f2a-b_c.d~e"));
        assertEquals("/users/a%2F..%2Fadmin", UpstreamPaths.child("/users", "a/../admin"));
        assertEquals("/users/%2E%2E", UpstreamPaths.child("/users", ".."));
        assertEquals("/users/%2E", UpstreamPaths.child("/users", "."));
        assertEquals("/users/100%25%3Fx%3D1%23f", UpstreamPaths.child("/users", "100%?x=1#f"));
        assertEquals("/users/%C3%A9%20%E2%9C%93", UpstreamPaths.child("/users", "é ✓"));
    }

    @Test
    void theUnreservedSetEndsExactlyWhereRfc3986EndsIt() {
        // Each end of each range is kept as it is, alone and among others.
        assertEquals("azAZ09-._~", UpstreamPaths.encodeSegment("azAZ09-._~"));
        for (String kept : new String[] {"a", "z", "A", "Z", "0", "9"}) {
            assertEquals(kept, UpstreamPaths.encodeSegment(kept));
        }
        // The character just outside each end is encoded: ` { @ [ / :
        assertEquals("%60%7B%40%5B%2F%3A", UpstreamPaths.encodeSegment("`{@[/:"));
        assertEquals("x%60", UpstreamPaths.encodeSegment("x`"));
    }
}
